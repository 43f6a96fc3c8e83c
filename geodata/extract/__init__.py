"""Reports to draft events: the reading pipeline (docs/extraction.md).

The modules in reading order, each named for what it holds:

- `segmenting`: the language of a report, its sentences and clauses (character offsets kept),
  and its words: `tokens`, the one tokeniser of the pipeline (`Tok` with `key`, `forms`, `norm`,
  and `lemma_forms`, what triggers are matched on);
- `lemmas`: dictionary lemmas of Arabic and English words (simplemma, its data in its wheel);
- `dates`: the publication date a report states, and event days relative to it;
- `phrases`: lexicon phrases (actor aliases, organisation names) found in running text;
- `lookalikes`: gazetteer names that are no place here (an organisation's name, Damascus for the
  government, Al Jazeera, Tishreen the month, common words), and places that are not where
  anything happened (datelines, agreement names);
- `toponyms`: the places a report names, each resolved in its sentence;
- `unlisted`: places the gazetteer lacks that a classifier names («قرية X», "X crossing"),
  kept as provisional places located at the place the text puts them in;
- `actor_mentions`: the actors a report names, as of its date (`ActorFinder`);
- `triggers`: the words that state an event, per type;
- `context`: `SentenceContext`, what the steps of one sentence share, and its `Statement`s;
- `cues`: what cancels, qualifies or governs a trigger (negation, history, «مقابل», ...);
- `roles`: which actor is the actor and which the target, as named steps over a statement;
- `role_words`: the words the role steps read (verbal nouns, passive agents, "the latter");
- `sources`: actors that report an event ("X said"), not act in it;
- `coordination`: actors written as one group ("X and Y"), each an actor;
- `background`: whether a statement tells what happened before the news, and its year;
- `targets`: the target when the clause names none (accuser, holder, residents);
- `elsewhere`: places a sentence names that are not where its event happened (where people
  came from or went, an institution's seat);
- `placing`: where each event happened;
- `results`: `Extracted`, `Extraction`, their JSON and draft `Event`s, `source_for`;
- `pipeline`: `Extractor`, which runs the steps sentence by sentence;
- `restatements`: one event per statement repeated in headline, summary and body;
- `evaluation`: precision, recall and F1 on labelled articles (`zonemap eval`).

Where this departs from the plan of issue 9 (segmenting, phrases, toponyms, roles, triggers,
cues, pipeline, restatements, evaluation), and why:

- `triggers` comes before `roles`: roles read triggers and cues, not the other way round.
- `context` is a module of its own: the pipeline builds the `SentenceContext` and cues, roles,
  targets and placing read it; in `pipeline` it would make each of them import the pipeline.
- `actor_mentions` leaves `roles`: finding the actors in the text (aliases, adjectives, the
  report's era, the holder of a place) is done once per report, before any event; deciding
  who acts in one statement is another concept (and `context` needs `ActorHit` without
  `roles`, which reads `context`).
- `lookalikes` leaves `toponyms` (551 lines): "is this name a place here at all" is a set of
  lexicon rules of its own; `toponyms` keeps "which place, and how it is written with others".
- `placing`, `targets` and `results` leave the old 806-line `extraction.py`: where an event
  happened, whom it targeted when no clause says, and what the pipeline returns are three
  concepts; `results` also ends the old cycle `restatements` -> `extraction` (it imported
  `Extracted` under TYPE_CHECKING).
- One tokeniser instead of three: `gazetteer.tokenize` used raw with ad-hoc normalisation at each
  call site, `triggers.tokens` (Tok) on top of it, and a regex of Arabic letters that found
  clause openers. `segmenting.tokens` wraps the gazetteer's word rule (a name splits in running
  text as in the index) and every step reads its `Tok`. The one visible difference: a clause
  opener written with vowel marks («وَأضاف») is now one word and splits its clause, where the
  old regex cut the word at the marks; no sentence of the dev corpus or the seed report is cut
  differently.

`ExtractionError` and `CorpusError` live in `geodata.errors` (both `ZonemapError`s).
"""

from ..errors import ExtractionError
from .pipeline import Extractor
from .results import MAX_CHARS, Extracted, Extraction, check_text, source_for

__all__ = ["MAX_CHARS", "Extracted", "Extraction", "ExtractionError", "Extractor", "check_text", "source_for"]
