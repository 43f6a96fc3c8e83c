"""Who may undo a change (issue 14): its author, or an administrator."""

from geodata.accounts import undo_refusal


def test_undo_refusal__own_change_or_admin():
    assert undo_refusal("editor", "rana", "rana") is None
    assert undo_refusal("admin", "lina", "rana") is None
    refusal = undo_refusal("editor", "omar", "rana")
    assert refusal is not None and "made by rana" in refusal and "administrator" in refusal


def test_undo_refusal__names_are_compared_exactly():
    assert undo_refusal("editor", "rana", "rana2") is not None
    assert undo_refusal("editor", "", "rana") is not None
