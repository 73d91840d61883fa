"""One-time codes: generation, what residents may type, and the stored keyed hash."""

import pytest

from voorop.core import codes


def test_codes_use_the_alphabet_without_look_alikes():
    code = codes.generate(12)
    assert len(code) == 12 and set(code) <= set(codes.ALPHABET)
    assert not set(codes.ALPHABET) & set("01ILO")
    assert len({codes.generate(12) for _ in range(50)}) == 50
    assert set(codes.generate(30, alphabet="AB")) <= {"A", "B"}
    with pytest.raises(ValueError):
        codes.generate(0)


def test_what_a_resident_types_is_normalised_and_displayed_in_groups():
    assert codes.normalise(" abcd-efgh jkmn\n") == "ABCDEFGHJKMN"
    assert codes.normalise("") == codes.normalise(None) == ""
    assert codes.display("ABCDEFGHJKMN") == "ABCD-EFGH-JKMN"
    assert codes.display("abcd-efgh") == "ABCD-EFGH"


@pytest.mark.parametrize(
    ("purpose", "scope", "typed", "stored"),
    [
        # Hashes made before the shared module existed: they must keep verifying.
        (
            "voorop-voting-code",
            7,
            "abcd-efgh-jkmn",
            "3622b0f3788b21f4603d4c5b4176b0914df54ebda43500c4639074d71d33a468",
        ),
        (
            "voorop-assembly-code",
            3,
            "abcd efgh",
            "4027bb2fb9ed1523bed6b057b2ffb4d77700e3efcc09b5bf1048f557bb1a7963",
        ),
    ],
)
def test_the_stored_hash_format_never_changes(settings, purpose, scope, typed, stored):
    settings.SECRET_KEY = "test-only-insecure-key"
    assert codes.code_hash(purpose, scope, typed) == stored
    assert codes.keyed_hash(purpose, scope, codes.normalise(typed)) == stored


def test_the_hash_depends_on_purpose_scope_and_key(settings):
    one = codes.code_hash("voorop-voting-code", 1, "ABCD")
    assert one != codes.code_hash("voorop-voting-code", 2, "ABCD")
    assert one != codes.code_hash("voorop-assembly-code", 1, "ABCD")
    assert "ABCD" not in one and len(one) == 64
    settings.SECRET_KEY = "another-key"
    assert one != codes.code_hash("voorop-voting-code", 1, "ABCD")
