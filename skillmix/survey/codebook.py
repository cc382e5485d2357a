"""The survey code book (data/survey/codebook.yml): items, scale, profile codes and routing.

Everything else in `skillmix.survey` takes its column names, codes and labels from here, so
that a real export and the synthetic default are read and checked the same way.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ..core import vocab
from ..core.errors import InputError
from ..core.paths import DATA

CODEBOOK = DATA / "survey" / "codebook.yml"
ROLES = ("acp", "pa")
WAVES = ("earlier", "current")


def normalise_label(text) -> str:
    """A label reduced to lower-case words joined by single spaces, for matching.

    "Strongly Agree", "strongly_agree" and " strongly-agree " all become "strongly agree";
    "Don't know" becomes "don t know".
    """
    return re.sub(r"[^a-z0-9]+", " ", str(text).lower()).strip()


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
    roles: dict            # role code -> name used in wordings
    items: tuple           # of Item, in questionnaire order
    scale: dict            # code (int) -> label
    dont_know: int
    agree: tuple
    profile: dict          # variable -> {code: label}
    profile_questions: dict
    required: tuple
    routing: dict          # role -> profile variable (yes/no)
    freetext: tuple        # free-text column names

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

    @property
    def allowed_item_codes(self) -> tuple:
        return self.substantive + (self.dont_know,)

    # -- columns --------------------------------------------------------------------------
    @property
    def profile_columns(self) -> list[str]:
        return list(self.profile)

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

    dont_know_label: str = "don't know"


def load(path: Path | str = CODEBOOK) -> Codebook:
    """Read and check a code book file."""
    return _load(Path(path).resolve())


@lru_cache(maxsize=8)
def _load(path: Path) -> Codebook:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = []
    for k, entry in enumerate(raw["items"]):
        for key in ("id", "wording", "theme", "waves"):
            if key not in entry:
                raise InputError("code book item lacks a field", file=path, row=k + 1, column=key)
        if entry["theme"] not in vocab.THEMES:
            raise InputError("code book item has an unknown theme", file=path, row=k + 1, column="theme",
                             value=entry["theme"], allowed=vocab.THEMES)
        bad = [w for w in entry["waves"] if w not in WAVES]
        if bad:
            raise InputError("code book item has an unknown wave", file=path, row=k + 1, column="waves",
                             value=bad, allowed=WAVES)
        items.append(Item(entry["id"], entry["wording"], entry["theme"], tuple(entry["waves"])))
    scale = raw["scale"]
    profile = {var: {str(c): str(l) for c, l in spec["codes"].items()} for var, spec in raw["profile"].items()}
    roles = {str(k): str(v) for k, v in raw["roles"].items()}
    if tuple(roles) != ROLES:
        raise InputError("code book roles must be acp and pa", file=path, column="roles", value=list(roles))
    return Codebook(
        path=path,
        roles=roles,
        items=tuple(items),
        scale={int(k): str(v) for k, v in scale["codes"].items()},
        dont_know=int(scale["dont_know"]),
        agree=tuple(int(a) for a in scale["agree"]),
        profile=profile,
        profile_questions={var: spec.get("question", var) for var, spec in raw["profile"].items()},
        required=tuple(raw["required"]),
        routing={str(k): str(v) for k, v in raw["routing"].items()},
        freetext=tuple(raw["freetext"]),
        dont_know_label=str(scale.get("dont_know_label", "don't know")),
    )
