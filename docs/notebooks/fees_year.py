# %% [markdown]
# # A year of sessions
#
# A notebook for analysts: one year of Incompany sessions, turned into
# plain rows with `incompany_rules.batch`, then into pandas frames and
# plots: the fees owed per month and per kind, the sessions and their
# attendance, the fund's workload. It is a plain Python script in the *percent* cell format (open it
# in Jupyter through jupytext, or in VS Code, as a notebook). The
# documentation build runs it cell by cell and renders this page from what
# it prints and draws; the test suite runs it as a script. Every table and
# plot below is from that run, never from a file kept in the repository.
#
# The sessions are made up by `examples.year_of_sessions`, with a fixed
# seed: the same figures at every run. Replace them with your own
# sessions to analyse a real year.

# %%
import os
from decimal import Decimal
from pathlib import Path

import matplotlib as mpl
import pandas as pd
import pendulum
from matplotlib.figure import Figure

from incompany_rules import (
    action_rows,
    fee_rows,
    milestone_rows,
    participant_rows,
    session_rows,
)
from incompany_rules.examples import year_of_sessions

mpl.use("Agg")  # draw to files, never to a screen
OUTPUT = Path(os.environ.get("NOTEBOOK_OUTPUT", Path(__file__).with_name("fees_year_files")))
OUTPUT.mkdir(parents=True, exist_ok=True)
MONTHS = [f"2026-{month:02d}" for month in range(1, 13)]


def save(figure: Figure, name: str) -> None:
    """Write ``figure`` as ``name``.png next to the page."""
    figure.tight_layout()
    figure.savefig(OUTPUT / f"{name}.png", dpi=100)


sessions = year_of_sessions(2026)
print(
    f"{len(sessions)} sessions, classes from {sessions[0].confirmed_slot.start:%d/%m/%Y}"
    f" to {sessions[-1].confirmed_slot.start:%d/%m/%Y}"
)

# %% [markdown]
# ## Fees owed per month and per kind
#
# One row per fee (`fee_rows`): every fee that `fees_due` finds for each
# session as of `now`, here the first of February after the year, when
# every class of the year is over and its attendance recorded. The month
# is the local month in which the fee arose: the late cancellation (R15)
# when it was notified, the missing list (R16) when registration closed,
# the shortfall (R17) when the class ended. Amounts are exact `Decimal`
# euros; they become floats only to be drawn.

# %%
now = pendulum.datetime(2027, 2, 1, tz="Europe/Brussels")
fees = pd.DataFrame(fee_rows(sessions, now))
fees["month"] = fees["arises_at"].str[:7]
kinds = ["late_cancellation", "missing_list", "shortfall"]
per_month = fees.pivot_table(
    index="month", columns="kind", values="amount", aggfunc="sum", fill_value=Decimal(0)
).reindex(index=MONTHS, columns=kinds, fill_value=Decimal(0))
per_month["total"] = per_month.sum(axis=1)
print(per_month.to_string())

# %%
per_kind = fees.groupby("kind").agg(
    rule=("rule", "first"), fees=("amount", "size"), total=("amount", "sum")
)
print(per_kind.to_string())
print(f"Owed for the year: {fees['amount'].sum()} EUR")

# %%
figure = Figure(figsize=(8, 3.5))
axes = figure.subplots()
per_month[kinds].astype(float).plot.bar(
    ax=axes, stacked=True, color=["#c0392b", "#f39c12", "#2e86c1"]
)
axes.set(title="Fees owed per month, by kind (EUR)", xlabel="", ylabel="EUR")
axes.legend(loc="upper left", bbox_to_anchor=(1, 1))
save(figure, "fees_per_month")

# %% [markdown]
# ## Sessions per month
#
# One row per session (`session_rows`). A session is *held* when its
# attendance is recorded, *cancelled* when a cancellation was notified
# (R15), and has *no list* when nobody was registered when registration
# closed at the end of D-3 (R16). The month is the local month of the
# class: the first seven characters of its ISO instant.

# %%
frame = pd.DataFrame(session_rows(sessions))
frame["month"] = frame["start"].str[:7]
frame["outcome"] = "held"
frame.loc[frame["registered"] == 0, "outcome"] = "no list"
frame.loc[frame["cancelled_at"].notna(), "outcome"] = "cancelled"
outcomes = frame.pivot_table(
    index="month", columns="outcome", values="session", aggfunc="size", fill_value=0
).reindex(MONTHS, fill_value=0)
print(outcomes.to_string())

# %%
figure = Figure(figsize=(8, 3.5))
axes = figure.subplots()
outcomes.plot.bar(ax=axes, stacked=True, color=["#c0392b", "#2e86c1", "#f39c12"])
axes.set(title="Sessions per month of the class", xlabel="", ylabel="sessions")
axes.legend(loc="upper left", bbox_to_anchor=(1, 1))
save(figure, "sessions_per_month")

# %% [markdown]
# ## Attendance against the minimum
#
# R17 charges each person missing below the minimum of 6 (the policy's
# `min_participants`) at a held class. How many held classes fall short,
# and by how many people:

# %%
held = frame[frame["outcome"] == "held"].copy()
held["missing"] = (6 - held["attended"].astype(int)).clip(lower=0)
shortfall = (
    held.groupby("month")
    .agg(
        held=("session", "size"),
        short=("missing", lambda m: int((m > 0).sum())),
        missing=("missing", "sum"),
    )
    .reindex(MONTHS, fill_value=0)
)
print(shortfall.to_string())

# %%
figure = Figure(figsize=(8, 3.5))
axes = figure.subplots()
axes.hist(held["attended"].astype(int), bins=range(15), color="#2e86c1", edgecolor="white")
axes.axvline(6, color="#c0392b", linestyle="--", label="minimum (R1, R17)")
axes.set(title="Attendance at held classes", xlabel="people present", ylabel="classes")
axes.legend()
save(figure, "attendance")

# %% [markdown]
# ## The fund's workload per month
#
# One row per milestone (`milestone_rows`): what the fund sends or checks,
# month by month, on the local clock. Reminders (R6) and definitive
# confirmations (R10) fall weeks before the class, so their peaks lead
# the classes'.

# %%
milestones = pd.DataFrame(milestone_rows(sessions))
milestones["month"] = milestones["at"].str[:7]
work = ["reminder", "definitive_confirmation", "registration_closes", "evaluation"]
workload = (
    milestones[milestones["kind"].isin(work)]
    .pivot_table(index="month", columns="kind", values="session", aggfunc="size", fill_value=0)
    .reindex(columns=work, fill_value=0)
)
print(workload.to_string())

# %%
figure = Figure(figsize=(8, 3.5))
axes = figure.subplots()
workload.plot(ax=axes, marker="o")
axes.set(title="Milestones per local month", xlabel="", ylabel="milestones")
axes.legend(loc="upper left", bbox_to_anchor=(1, 1))
save(figure, "milestones_per_month")

# %% [markdown]
# ## What is open on a given day
#
# One row per open action (`action_rows`): who has to do what, by when,
# and whether it is overdue, as `next_actions` answers for each session on
# Monday 15 June at 09:00. The example year records no invoice, so every
# fee that arose before that day shows as overdue invoicing for the fund.

# %%
monday = pendulum.datetime(2026, 6, 15, 9, tz="Europe/Brussels")
actions = pd.DataFrame(action_rows(sessions, monday))
open_actions = actions.pivot_table(
    index=["actor", "kind"], columns="overdue", values="session", aggfunc="size", fill_value=0
).rename(columns={False: "open", True: "overdue"})
print(open_actions.to_string())

# %% [markdown]
# ## People, pseudonymised
#
# One row per registration (`participant_rows`). Given a secret key, each
# row carries a keyed pseudonym of the person's national register number,
# so the rows of one person join without the number ever being in the
# data. Here the key is made up for the example; keep a real one out of
# the notebook (an environment variable, a vault).

# %%
key = os.environb.get(b"INCOMPANY_PSEUDONYM_KEY", b"an example key, not a secret")
people = pd.DataFrame(participant_rows(sessions, key=key))
per_person = people.groupby("pseudonym").agg(
    registered=("session", "size"),
    attended=("attended", lambda a: int(a.fillna(value=False).sum())),
)
print(f"{len(people)} registrations of {len(per_person)} people")
print(per_person["registered"].describe().round(1).to_string())
