"""Workshop schedules computed from each notebook's time estimate in the manifest.

A plan is a list of teaching blocks (start, end) separated by breaks, and the notebooks to
cover. Every notebook gets its full teaching time; exercise time is scaled by one factor, the
same for all notebooks, so the plan fills its blocks (less a wrap-up), and rounded to 5 minutes.
Exercises that do not fit in class are homework; time left once every exercise fits goes to
the wrap-up (open practice: live mode, the learners' own APIs). A notebook may run across a
break. The whole course does not fit one honest day, so the full plan takes two.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from helpers.course.manifest import NOTEBOOKS, Notebook

WRAP_UP_MINUTES = 15


@dataclass(frozen=True)
class Plan:
    name: str
    blocks: tuple[tuple[str, str], ...]  # ("09:00", "10:30"), ...
    numbers: tuple[str, ...]  # notebooks covered, in order


_DAY = (("09:00", "10:30"), ("10:45", "12:30"), ("13:30", "15:00"), ("15:15", "16:30"))
DAY_ONE = Plan("Two days, day one (09:00–16:30)", _DAY, ("00", "01", "02", "03", "04", "05"))
DAY_TWO = Plan("Two days, day two (09:00–15:00)", _DAY[:3], ("06", "07", "08", "09"))
HALF_DAY = Plan(
    "Half day (09:00–12:45, the essentials)",
    (("09:00", "10:45"), ("11:00", "12:45")),
    ("00", "01", "02", "03", "05"),
)
PLANS = (DAY_ONE, DAY_TWO, HALF_DAY)
TWO_DAYS = (DAY_ONE, DAY_TWO)  # together, every notebook


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def allotments(plan: Plan) -> list[tuple[Notebook, int, int]]:
    """(notebook, teaching minutes, in-class exercise minutes) for each notebook of the plan."""
    chosen = [nb for nb in NOTEBOOKS if nb.number in plan.numbers]
    available = sum(_minutes(b) - _minutes(a) for a, b in plan.blocks) - WRAP_UP_MINUTES
    teaching = sum(nb.teach_minutes for nb in chosen)
    exercises = sum(nb.exercise_minutes for nb in chosen)
    if teaching > available:
        raise ValueError(f"{plan.name}: {teaching} min of teaching do not fit in {available} min")
    factor = min(1.0, (available - teaching) / exercises) if exercises else 0.0
    result = []
    for nb in chosen:
        in_class = 5 * math.floor(nb.exercise_minutes * factor / 5)
        result.append((nb, nb.teach_minutes, max(5, in_class) if nb.exercise_minutes else 0))
    # rounding down left spare minutes: give them to the notebooks with the most exercise time
    spare = available - sum(t + e for _, t, e in result)
    order = sorted(range(len(result)), key=lambda i: -result[i][0].exercise_minutes)
    for i in order:
        nb, t, e = result[i]
        if spare >= 5 and e + 5 <= nb.exercise_minutes:
            result[i] = (nb, t, e + 5)
            spare -= 5
    return result


def timetable(plan: Plan) -> list[tuple[str, str]]:
    """Rows of (time range, activity), breaks included, notebooks split across breaks."""
    queue = []
    for nb, teach, practise in allotments(plan):
        if practise < nb.exercise_minutes:
            note = f"{teach} min + {practise} of {nb.exercise_minutes} min of exercises"
        else:
            note = f"{teach} min + all {practise} min of exercises"
        queue.append((nb.label, note, teach + practise))
    blocks = [(_minutes(a), _minutes(b)) for a, b in plan.blocks]
    wrap_up = sum(b - a for a, b in blocks) - sum(length for _, _, length in queue)
    if wrap_up > WRAP_UP_MINUTES:
        queue.append(("Wrap-up", "open practice: live mode, your own API; questions", wrap_up))
    else:
        queue.append(("Wrap-up", "questions, key points, where to go next", wrap_up))

    rows: list[tuple[str, str]] = []
    index, now = 0, blocks[0][0]
    for label, note, length in queue:
        part = 0
        while length > 0:
            end = blocks[index][1]
            room = end - now
            if room <= 0:
                index += 1
                pause = blocks[index][0] - end
                rows.append((f"{_clock(end)}–{_clock(blocks[index][0])}",
                             "🍽️ Lunch" if pause >= 45 else "☕ Break"))  # fmt: skip
                now = blocks[index][0]
                continue
            take = min(room, length)
            text = f"{label} ({note})" if part == 0 else f"{label}, continued"
            rows.append((f"{_clock(now)}–{_clock(now + take)}", text))
            now, length, part = now + take, length - take, part + 1
    return rows


def markdown(plan: Plan) -> str:
    lines = [f"**{plan.name}**", "", "| Time | Activity |", "|---|---|"]
    lines += [f"| {when} | {what} |" for when, what in timetable(plan)]
    return "\n".join(lines)


def all_schedules() -> str:
    return "\n\n".join(markdown(plan) for plan in PLANS)
