"""The survey code book (data/survey/codebook.yml): items, scale, profile codes and routing.

Everything else in `skillmix.survey` takes its column names, codes and labels from here, so
that a real export and the synthetic default are read and checked the same way. The file is
parsed into pydantic models (`CodebookFile`): a misspelt key, a wrong type, an unknown theme
or wave fails with the file, the line and the key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import ValidationInfo, field_validator

from ..core import vocab
from ..core.errors import InputError
from ..core.paths import DATA
from ..core.yaml_spec import Spec, parse

CODEBOOK = DATA / "survey" / "codebook.yml"
ROLES = ("acp", "pa")
WAVES = ("earlier", "current")
# Respondent ids of synthetic responses start with "SYN-": the generator writes them and the
# loader recognises a synthetic file by them.
ID_PREFIX = "SYN"


def normalise_label(text) -> str:
    """A label reduced to lower-case words joined by single spaces, for matching.

    "Strongly Agree", "strongly_agree" and " strongly-agree " all become "strongly agree";
    "Don't know" becomes "don t know".
    """
    return re.sub(r"[^a-z0-9]+", " ", str(text).lower()).strip()


# -- the file, as declared ---------------------------------------------------------------------
class ItemSpec(Spec):
    id: str
    wording: str
    theme: Literal[vocab.THEMES]
    waves: list[Literal[WAVES]]

    @field_validator("wording")
    @classmethod
    def _placeholders(cls, wording: str) -> str:
        try:
            wording.format(role="", role_cap="")
        except (KeyError, IndexError, ValueError):
            raise ValueError("wording may use only the placeholders {role} and {role_cap}") from None
        return wording


class ScaleSpec(Spec):
    codes: dict[int, str]
    dont_know: int
    dont_know_label: str = "don't know"
    agree: list[int]

    @field_validator("agree")
    @classmethod
    def _agree_in_scale(cls, agree: list[int], info: ValidationInfo) -> list[int]:
        codes = info.data.get("codes", {})
        if codes and not set(agree) <= set(codes):
            raise ValueError(f"agree codes must be scale codes ({', '.join(map(str, codes))})")
        return agree


class ProfileSpec(Spec):
    question: str | None = None
    codes: dict[str, str]


class FreetextSpec(Spec):
    question: str


class CodebookFile(Spec):
    version: int = 1
    title: str = ""
    roles: dict[str, str]
    waves: dict[Literal[WAVES], str] = {}
    scale: ScaleSpec
    items: list[ItemSpec]
    profile: dict[str, ProfileSpec]
    required: list[str]
    routing: dict[str, str]
    freetext: dict[str, FreetextSpec]

    @field_validator("roles")
    @classmethod
    def _roles(cls, roles: dict) -> dict:
        if tuple(roles) != ROLES:
            raise ValueError(f"roles must be {' and '.join(ROLES)}, in that order")
        return roles

    @field_validator("items")
    @classmethod
    def _unique_items(cls, items: list) -> list:
        ids = [item.id for item in items]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise ValueError(f"item ids must be unique (repeated: {', '.join(repeated)})")
        return items

    @field_validator("required")
    @classmethod
    def _required_in_profile(cls, required: list, info: ValidationInfo) -> list:
        known = ["respondent_id", *info.data.get("profile", {})]
        unknown = [r for r in required if r not in known]
        if "profile" in info.data and unknown:
            raise ValueError(f"'{unknown[0]}' is not a profile question; allowed: {', '.join(known)}")
        return required

    @field_validator("routing")
    @classmethod
    def _routing(cls, routing: dict, info: ValidationInfo) -> dict:
        profile = info.data.get("profile", {})
        if set(routing) != set(ROLES):
            raise ValueError(f"routing must name a profile question for each role ({', '.join(ROLES)})")
        gates = [g for g in routing.values() if g not in profile]
        if "profile" in info.data and gates:
            raise ValueError(f"'{gates[0]}' is not a profile question")
        return routing


# -- the code book as the rest of the package uses it ------------------------------------------
@dataclass(frozen=True)
class Item:
    id: str
    wording: str
    theme: str
    waves: tuple

    def column(self, role: str) -> str:
        return f"{self.id}__{role}"


@dataclass(frozen=True)
class Codebook:
    path: Path
    roles: dict  # role code -> name used in wordings
    items: tuple  # of Item, in questionnaire order
    scale: dict  # code (int) -> label
    dont_know: int
    agree: tuple
    profile: dict  # variable -> {code: label}
    profile_questions: dict
    required: tuple
    routing: dict  # role -> profile variable (yes/no)
    freetext: tuple  # free-text column names
    dont_know_label: str = "don't know"

    # -- item helpers -------------------------------------------------------------------
    @property
    def item_ids(self) -> list[str]:
        return [i.id for i in self.items]

    def item(self, item_id: str) -> Item:
        for it in self.items:
            if it.id == item_id:
                return it
        raise InputError("unknown survey item", value=item_id, allowed=self.item_ids)

    def items_in_wave(self, wave: str) -> list[Item]:
        return [i for i in self.items if wave in i.waves]

    @property
    def common_items(self) -> list[Item]:
        """Items asked in both waves (the basis of change over time)."""
        return [i for i in self.items if set(WAVES) <= set(i.waves)]

    def item_columns(self, roles=ROLES) -> list[str]:
        return [it.column(r) for it in self.items for r in roles]

    def wording(self, item_id: str, role: str) -> str:
        name = self.roles[role]
        return self.item(item_id).wording.format(role=name, role_cap=name[:1].upper() + name[1:])

    def short_label(self, item_id: str) -> str:
        """A short readable label for charts: the item id in words."""
        return item_id.replace("_", " ").capitalize()

    @property
    def substantive(self) -> tuple:
        return tuple(sorted(self.scale))

    # -- columns --------------------------------------------------------------------------
    @property
    def columns(self) -> list[str]:
        """All columns of a tidy response file, in order."""
        return ["respondent_id", *self.profile, *self.item_columns(), *self.freetext]

    def label_maps(self) -> dict[str, dict[str, object]]:
        """For every coded column: normalised label or code -> code."""
        maps: dict[str, dict[str, object]] = {}
        for var, codes in self.profile.items():
            m = {}
            for code, label in codes.items():
                m[normalise_label(code)] = code
                m[normalise_label(label)] = code
            maps[var] = m
        item_map = {}
        for code, label in self.scale.items():
            item_map[normalise_label(label)] = code
            item_map[str(code)] = code
        item_map[normalise_label(self.dont_know_label)] = self.dont_know
        item_map[str(self.dont_know)] = self.dont_know
        for col in self.item_columns():
            maps[col] = item_map
        return maps


def load(path: Path | str = CODEBOOK) -> Codebook:
    """Read and check a code book file (see `CodebookFile`)."""
    return _load(Path(path).resolve())


@lru_cache(maxsize=8)
def _load(path: Path) -> Codebook:
    spec = parse(CodebookFile, path)
    return Codebook(
        path=path,
        roles=dict(spec.roles),
        items=tuple(Item(i.id, i.wording, i.theme, tuple(i.waves)) for i in spec.items),
        scale=dict(spec.scale.codes),
        dont_know=spec.scale.dont_know,
        agree=tuple(spec.scale.agree),
        profile={var: dict(p.codes) for var, p in spec.profile.items()},
        profile_questions={var: var if p.question is None else p.question for var, p in spec.profile.items()},
        required=tuple(spec.required),
        routing=dict(spec.routing),
        freetext=tuple(spec.freetext),
        dont_know_label=spec.scale.dont_know_label,
    )
