"""Lost updates (issue 16), on both backends: two editors load the same event or place; the
second save, made from the copy loaded before the first was saved, is refused with a message
naming the change it would overwrite (who, when, change number), and nothing is written."""

from __future__ import annotations

import pytest
from shapely.geometry import Point
from test_store_support import BACKENDS, SECRET, dump, settings_for

from geodata.model import Place, PlaceKind
from geodata.store import ArgumentError, ConflictError, open_store


@pytest.fixture(params=BACKENDS)
def settings(request, tmp_path):
    with settings_for(request.param, tmp_path) as s:
        yield s


@pytest.fixture
def two(settings):
    """Two editors, each with a store of their own (two dashboard sessions)."""
    a, b = open_store(settings), open_store(settings)
    yield a.as_editor("rana", SECRET), b.as_editor("sami", SECRET)
    a.close()
    b.close()


def test_second_save_from_a_stale_copy_is_refused_naming_the_first(settings, two):
    rana, sami = two
    mine, version = rana.versioned("events", "e1")
    theirs, their_version = sami.versioned("events", "e1")
    assert version == their_version > 0
    rana.update_event(mine.model_copy(update={"object_en": "rana's words"}), version=version)
    change = rana.last_change()
    before = dump(settings)
    with pytest.raises(ConflictError) as refused:
        sami.update_event(theirs.model_copy(update={"object_en": "sami's words"}), version=their_version)
    message = str(refused.value)
    assert (
        f"event 'e1' was changed after you loaded it: change #{change.id} by rana, "
        f"{change.at:%Y-%m-%d %H:%M} UTC (update event e1)" in message
    )
    assert "nothing was saved" in message and refused.value.change.id == change.id
    assert dump(settings) == before
    fresh, now = sami.versioned("events", "e1")  # load again: the save goes through
    assert fresh.object_en == "rana's words" and now == change.id
    sami.update_event(fresh.model_copy(update={"object_en": "sami's words"}), version=now)
    assert sami.versioned("events", "e1").record.object_en == "sami's words"


def test_an_unchanged_save_keeps_the_version(two):
    rana, sami = two
    record, version = rana.versioned("events", "e2")
    assert rana.update_event(record, version=version).change_id is None
    assert sami.versioned("events", "e2").version == version


def test_saving_or_deleting_an_event_deleted_since_names_the_deletion(two):
    rana, sami = two
    e2, version = sami.versioned("events", "e2")
    rana.update_event(rana.versioned("events", "e1").record.model_copy(update={"links": ()}))
    rana.delete_event("e2")
    deleted = rana.history(1)[0]
    for call in (
        lambda: sami.update_event(e2, version=version),
        lambda: sami.delete_event("e2", version=version),
    ):
        with pytest.raises(
            ConflictError,
            match=rf"event 'e2' was deleted after you loaded it: "
            rf"change #{deleted.id} by rana",
        ):
            call()


def test_an_undo_in_between_is_a_change_too(two):
    rana, sami = two
    e1, version = sami.versioned("events", "e1")
    rana.set_review("e1", "rejected")
    rana.undo_last()
    undo = rana.history(1)[0]
    with pytest.raises(ConflictError, match=rf"change #{undo.id} by rana, .* \(undo change"):
        sami.update_event(e1.model_copy(update={"object_en": "x"}), version=version)


def test_places__stale_save_stale_delete_and_the_same_new_id_twice(settings, two):
    rana, sami = two
    aleppo, version = sami.versioned("places", "aleppo")
    rana.upsert_places([aleppo.model_copy(update={"name_en": "Halab"})], versions={"aleppo": version})
    with pytest.raises(ConflictError, match=r"place 'aleppo' was changed .* by rana"):
        sami.upsert_places([aleppo.model_copy(update={"prior": 3.0})], versions={"aleppo": version})
    with pytest.raises(ConflictError, match=r"place 'aleppo' was changed"):
        sami.delete_place("aleppo", version=version)
    new = Place(
        id="tell-new",
        name_en="Tell New",
        name_ar="تل جديد",
        kind=PlaceKind.VILLAGE,
        geometry=Point(37.2, 36.3),
    )
    rana.upsert_places([new], versions={"tell-new": None})
    before = dump(settings)
    with pytest.raises(
        ConflictError,
        match=r"place 'tell-new' exists already, last written "
        r"in change #\d+ by rana",
    ):
        sami.upsert_places([new.model_copy(update={"name_en": "Other"})], versions={"tell-new": None})
    assert dump(settings) == before


def test_without_a_version_there_is_no_check(two):
    rana, sami = two
    e1 = sami.versioned("events", "e1").record
    rana.update_event(e1.model_copy(update={"object_en": "first"}))
    sami.update_event(e1.model_copy(update={"object_en": "second"}))  # the CLI's way
    assert rana.versioned("events", "e1").record.object_en == "second"


def test_versioned__unknown_record_and_table(two):
    rana, _ = two
    assert rana.versioned("events", "nope") is None
    with pytest.raises(ArgumentError, match="`table` was 'editors'"):
        rana.versioned("editors", "rana")
