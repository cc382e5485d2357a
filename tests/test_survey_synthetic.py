"""The synthetic generator is role-neutral by design: no difference between the statements
about ACPs and about PAs is built in; any difference comes from the seeded random draws."""

import numpy as np
import pandas as pd
import pytest

from skillmix.survey import codebook as cb
from skillmix.survey import synthetic

BOOK = cb.load()
Z_LIMIT = 4.0  # |z| beyond this for any one of ~25 checks would be a built-in difference


def test_parameters_are_the_same_for_both_roles():
    acp, pa = (synthetic.role_parameters(role) for role in cb.ROLES)
    assert acp == pa
    # No parameter table can hold a role-specific value: every effect is one number.
    for table in (synthetic.ITEM_EFFECT, synthetic.EARLIER_SHIFT):
        assert all(isinstance(value, float) for value in table.values())
    for terms in (*synthetic.PROFESSION_TERMS.values(), *synthetic.SETTING_TERMS.values()):
        assert isinstance(terms.route, float) and isinstance(terms.effect, float)
    with pytest.raises(ValueError, match="unknown role"):
        synthetic.role_parameters("nurse")


def paired_z(a: pd.Series, b: pd.Series) -> float:
    """z statistic of the mean paired difference a - b (rows with both present)."""
    both = a.notna() & b.notna()
    d = a[both].astype(float) - b[both].astype(float)
    return float(d.mean() / (d.std(ddof=1) / np.sqrt(len(d)))) if d.std(ddof=1) > 0 else 0.0


def role_gaps(frame: pd.DataFrame) -> pd.Series:
    """For each check, the z statistic of the ACP - PA difference among the same respondents:
    working with the role, answering each statement, agreeing, and the mean answer."""
    z = {"works_with": paired_z(*((frame[f"works_with_{r}"] == "yes").astype(float) for r in cb.ROLES))}
    for wave, rows in frame.groupby("wave"):
        # All statements together: each respondent's mean ACP - PA difference (the differences
        # of one respondent share the draw v_i,acp - v_i,pa, so they are pooled per respondent).
        diffs = pd.concat(
            [
                rows[item.column("acp")].astype("Float64") - rows[item.column("pa")].astype("Float64")
                for item in BOOK.items_in_wave(wave)
            ],
            axis=1,
        )
        substantive = rows[[i.column(r) for i in BOOK.items_in_wave(wave) for r in cb.ROLES]].isin(range(1, 6))
        both = substantive.to_numpy()[:, 0::2] & substantive.to_numpy()[:, 1::2]
        per_respondent = diffs.where(both).mean(axis=1).astype(float)
        z[f"{wave}:all:mean"] = paired_z(per_respondent, pd.Series(0.0, index=per_respondent.index))
        for item in BOOK.items_in_wave(wave):
            cols = [rows[item.column(r)].astype("Float64") for r in cb.ROLES]
            answered = [((c >= 1) & (c <= 5)).fillna(False).astype(float) for c in cols]
            substantive = [c.where((c >= 1) & (c <= 5)) for c in cols]
            agree = [(s >= 4).astype("Float64").where(s.notna()) for s in substantive]
            z[f"{wave}:{item.id}:answered"] = paired_z(*answered)
            z[f"{wave}:{item.id}:agree"] = paired_z(*agree)
            z[f"{wave}:{item.id}:mean"] = paired_z(*substantive)
    return pd.Series(z)


@pytest.fixture(scope="module")
def large():
    return synthetic.generate(seed=11, n_current=20000, n_earlier=10000)


def test_large_sample_shows_no_role_difference_beyond_noise(large):
    z = role_gaps(large)
    assert len(z) == 1 + 2 + 3 * (len(BOOK.items) + len(BOOK.common_items))
    assert (z.abs() < Z_LIMIT).all(), z[z.abs() >= Z_LIMIT]


def test_committed_file_shows_no_role_difference_beyond_noise():
    frame = pd.read_csv(synthetic.DEFAULT_PATH, dtype={c: "Int64" for c in BOOK.item_columns()})
    z = role_gaps(frame)
    assert (z.abs() < Z_LIMIT).all(), z[z.abs() >= Z_LIMIT]


def test_the_check_detects_a_built_in_difference(monkeypatch):
    """A generator that favoured one role by 0.2 on the latent scale would fail the check above
    (so the check has power, and the generator does draw from `role_parameters`)."""
    neutral = synthetic.role_parameters

    def tilted(role):
        params = neutral(role)
        if role == "acp":
            params["item_effect"] = {k: v + 0.2 for k, v in params["item_effect"].items()}
        return params

    monkeypatch.setattr(synthetic, "role_parameters", tilted)
    z = role_gaps(synthetic.generate(seed=11, n_current=20000, n_earlier=10000))
    means = z[z.index.str.endswith(":mean")]
    assert (means > 0).all() and (means > Z_LIMIT).sum() > len(means) / 2
    assert (z[z.index.str.endswith(":all:mean")] > 2 * Z_LIMIT).all()


def test_committed_file_is_generated_by_the_neutral_model():
    """The committed responses are what the role-neutral generator writes (byte for byte)."""
    assert synthetic.main(["--check"]) == 0
