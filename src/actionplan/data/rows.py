"""One plan as rows of the export's tables (`tables`): every field it writes, nothing dropped.

Values are text, integers, booleans or None only: dates as ISO text, money as exact text with
its pence beside it, decimals as exact text, so both writers store what they are given. What
actionplan works out for an action (its due date, slippage, RAG as of the export's date) comes
from `reports.status.action_status`, the row `status` itself prints, so the two cannot differ.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from actionplan.data import tables as t
from actionplan.model.people import Directory
from actionplan.model.plan import (
    Action,
    Conflict,
    Exempt,
    FundingRoute,
    NotRecorded,
    Person,
    PlanFile,
    Recommendation,
    Service,
    Target,
    TargetRevision,
)
from actionplan.reports.status import action_status
from actionplan.schedule import SOON_DAYS, STALE_DAYS

Value = str | int | bool | None
Rows = dict[str, list[tuple[Value, ...]]]  # by table name


@dataclass(frozen=True)
class ExportOptions:
    """What an export holds: the as-of date its RAG is worked out for, and what it withholds."""

    as_of: date
    include_exempt: bool = False
    include_emails: bool = False
    soon: int = SOON_DAYS
    stale: int = STALE_DAYS


@dataclass
class Keys:
    """The numbers of an export's rows, one sequence per table, counted from 1."""

    last: dict[str, int] = field(default_factory=dict)

    def new(self, table: t.Table) -> int:
        number = self.last.get(table.name, 0) + 1
        self.last[table.name] = number
        return number


# --- Values ------------------------------------------------------------------------------------


def money(amount: Decimal | None) -> tuple[str | None, int | None]:
    """Exact pounds and pence as text (`41567.20`) and in whole pence (4156720)."""
    if amount is None:
        return None, None
    return f"{amount:.2f}", int(amount.quantize(Decimal("0.01")).scaleb(2))


def decimal(value: Decimal | None) -> str | None:
    """A decimal as exact text, never in exponent form."""
    return None if value is None else format(value, "f")


def day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def recorded_day(value: date | NotRecorded | None) -> tuple[str | None, bool]:
    """A day that may be `not-recorded`: (the ISO day or None, whether it was not recorded)."""
    if isinstance(value, NotRecorded):
        return None, True
    return day(value), False


def target_text(target: Target | None) -> tuple[str | None, str | None]:
    """A target as written (milestones joined by ', ') and its kind."""
    if target is None:
        return None, None
    return str(target), target.kind.value


def exempt(item: Exempt | None) -> dict[str, Value]:
    if item is None:
        return {"exempt_paragraph": None, "exempt_reason": None}
    return {"exempt_paragraph": item.paragraph, "exempt_reason": item.reason}


# --- A plan ------------------------------------------------------------------------------------


class PlanRows:
    """The rows of one plan, built table by table."""

    def __init__(
        self,
        path: str,
        plan: PlanFile,
        keys: Keys,
        options: ExportOptions,
        *,
        shared_people: Sequence[Person] = (),
        person_keys: dict[int, int] | None = None,
    ) -> None:
        self.path, self.plan, self.keys, self.options = path, plan, keys, options
        self.rows: Rows = {}
        self.directory = Directory.of(plan.people, shared_people)
        # Declared people by object: the plan's own, then the settings file's (given in).
        self.person_keys: dict[int, int] = dict(person_keys or {})
        self.theme_keys: dict[str, int] = {}
        self.outcome_keys: dict[str, int] = {}

    def add(self, table: t.Table, **values: Value) -> None:
        self.rows.setdefault(table.name, []).append(table.row(values))

    def build(self) -> Rows:
        plan = self.plan
        info = plan.plan
        ident = info.id
        total, total_pence = money(info.stated_total)
        self.add(
            t.PLANS,
            plan_id=ident,
            path=self.path,
            format=plan.version,
            title=info.title,
            organisation=info.organisation,
            source=info.source,
            source_url=info.source_url,
            adopted=day(info.adopted),
            period=info.period,
            currency=info.currency,
            stated_total=total,
            stated_total_pence=total_pence,
            kind=info.kind,
            owned_by=info.owned_by,
            **exempt(info.exempt),
            notes=info.notes,
        )
        for position, body in enumerate(info.reports_to, 1):
            self.add(t.PLAN_REPORTS_TO, plan_id=ident, position=position, body=body)
        for position, theme in enumerate(info.themes, 1):
            key = self.keys.new(t.THEMES)
            self.theme_keys.setdefault(theme.id, key)
            self.add(
                t.THEMES,
                theme_key=key,
                plan_id=ident,
                position=position,
                id=theme.id,
                title=theme.title,
                text=theme.text,
            )
        self._vocabularies()
        people_rows(self, ident, self.path, plan.people, self.options.include_emails)
        self._conflicts(info.conflicts)
        self._outcomes()
        for position, rec in enumerate(plan.recommendations, 1):
            self._recommendation(position, rec)
        for section in ("services", "projects"):
            services: tuple[Service, ...] = getattr(plan, section)
            for position, service in enumerate(services, 1):
                self._service(section, position, service)
        return self.rows

    def _vocabularies(self) -> None:
        vocabularies = self.plan.vocabularies
        if vocabularies is None:
            return
        for name in t.VOCABULARY_NAMES:
            words: tuple[str, ...] | None = getattr(vocabularies, name)
            for position, word in enumerate(words or (), 1):
                self.add(
                    t.VOCABULARIES,
                    plan_id=self.plan.plan.id,
                    vocabulary=name,
                    position=position,
                    word=word,
                )

    def _outcomes(self) -> None:
        ident = self.plan.plan.id
        for position, outcome in enumerate(self.plan.outcomes, 1):
            key = self.keys.new(t.OUTCOMES)
            self.outcome_keys.setdefault(outcome.id, key)
            self.add(
                t.OUTCOMES,
                outcome_key=key,
                plan_id=ident,
                position=position,
                id=outcome.id,
                title=outcome.title,
                text=outcome.text,
            )
            for number, audience in enumerate(outcome.for_, 1):
                self.add(t.OUTCOME_AUDIENCES, outcome_key=key, position=number, audience=audience)
            for number, indicator in enumerate(outcome.indicators, 1):
                indicator_key = self.keys.new(t.INDICATORS)
                baseline, target = indicator.baseline, indicator.target
                self.add(
                    t.INDICATORS,
                    indicator_key=indicator_key,
                    outcome_key=key,
                    position=number,
                    id=indicator.id,
                    name=indicator.name,
                    unit=indicator.unit,
                    better=indicator.better.value,
                    baseline_value=decimal(baseline.value) if baseline else None,
                    baseline_date=day(baseline.date) if baseline else None,
                    target_value=decimal(target.value) if target else None,
                    target_date=day(target.date) if target else None,
                    notes=indicator.notes,
                )
                for index, measurement in enumerate(indicator.measurements, 1):
                    self.add(
                        t.MEASUREMENTS,
                        indicator_key=indicator_key,
                        position=index,
                        date=day(measurement.date),
                        value=decimal(measurement.value),
                        source=measurement.source,
                    )

    def _outcome_links(
        self, table: t.Table, parent: str, key: int, outcomes: Iterable[str]
    ) -> None:
        for position, outcome in enumerate(outcomes, 1):
            self.add(
                table,
                **{parent: key},
                position=position,
                outcome=outcome,
                outcome_key=self.outcome_keys.get(outcome),
            )

    def _owners(self, table: t.Table, parent: str, key: int, owners: Iterable[str]) -> None:
        for position, owner in enumerate(owners, 1):
            person = self.directory.find(owner)
            self.add(
                table,
                **{parent: key},
                position=position,
                owner=owner,
                person_key=None if person is None else self.person_keys.get(id(person)),
            )

    def _recommendation(self, position: int, rec: Recommendation) -> None:
        key = self.keys.new(t.RECOMMENDATIONS)
        self.add(
            t.RECOMMENDATIONS,
            recommendation_key=key,
            plan_id=self.plan.plan.id,
            position=position,
            id=rec.id,
            title=rec.title,
            text=rec.text,
            theme=rec.theme,
            theme_key=None if rec.theme is None else self.theme_keys.get(rec.theme),
            accepted=rec.accepted,
            acceptance=rec.acceptance.value if rec.acceptance else None,
            response=rec.response,
            source_kind=rec.source_kind,
            audit=rec.audit,
            assurance=rec.assurance,
            priority=rec.priority,
            finding=rec.finding,
            management_action=rec.management_action,
            **exempt(rec.exempt),
            notes=rec.notes,
        )
        self._outcome_links(t.RECOMMENDATION_OUTCOMES, "recommendation_key", key, rec.outcomes)
        self._conflicts(rec.conflicts, recommendation=key)
        for number, action in enumerate(rec.actions, 1):
            self._action(key, rec, number, action)
        for number, cost in enumerate(rec.costs, 1):
            cost_key = self.keys.new(t.COSTS)
            amount, amount_pence = money(cost.amount)
            high, high_pence = money(cost.high)
            units = cost.units
            rate, rate_pence = money(units.rate if units else None)
            self.add(
                t.COSTS,
                cost_key=cost_key,
                recommendation_key=key,
                position=number,
                label=cost.label,
                amount=amount,
                amount_pence=amount_pence,
                high=high,
                high_pence=high_pence,
                recurrence=cost.recurrence.value,
                detail=cost.detail,
                units_quantity=decimal(units.quantity) if units else None,
                units_unit=units.unit if units else None,
                units_rate=rate,
                units_rate_pence=rate_pence,
                units_note=units.note if units else None,
            )
            self._owners(t.COST_OWNERS, "cost_key", cost_key, cost.owners)

    def _action(self, rec_key: int, rec: Recommendation, position: int, action: Action) -> None:
        key = self.keys.new(t.ACTIONS)
        options = self.options
        status = action_status(
            self.plan,
            rec,
            action,
            options.as_of,
            soon=options.soon,
            stale=options.stale,
            people=self.directory,
        )
        target, kind = target_text(action.target)
        completed, completed_not_recorded = recorded_day(action.completed)
        closure = action.closure
        closed_on, closed_not_recorded = recorded_day(closure.date if closure else None)
        self.add(
            t.ACTIONS,
            action_key=key,
            recommendation_key=rec_key,
            position=position,
            id=action.id,
            text=action.text,
            no_owner=action.no_owner,
            target=target,
            target_kind=kind,
            target_text=action.target_text,
            status=action.status.value,
            completed=completed,
            completed_not_recorded=completed_not_recorded,
            closure_kind=closure.kind.value if closure else None,
            closure_date=closed_on,
            closure_date_not_recorded=closed_not_recorded,
            closure_evidence=closure.evidence if closure else None,
            closure_verified_by=closure.verified_by if closure else None,
            closure_accepted_by=closure.accepted_by if closure else None,
            closure_reason=closure.reason if closure else None,
            closure_superseded_by=closure.superseded_by if closure else None,
            status_reason=action.status_reason,
            rag=action.rag.value if action.rag else None,
            rag_reason=action.rag_reason,
            **exempt(action.exempt),
            notes=action.notes,
            target_due=day(action.target.due_date()) if action.target else None,
            current_target=status.target,
            due_date=day(status.due_date),
            last_update=day(status.last_update),
            revision_count=status.revisions,
            slippage_days=status.slippage_days,
            computed_rag=status.rag.value,
            computed_rag_reason=status.rag_reason,
        )
        self._owners(t.ACTION_OWNERS, "action_key", key, action.owners)
        for number, route in enumerate(action.funding, 1):
            self._funding(key, number, route)
        for number, revision in enumerate(action.revisions, 1):
            self._revision(key, number, revision)
        for number, update in enumerate(action.progress, 1):
            on, not_recorded = recorded_day(update.date)
            self.add(
                t.PROGRESS,
                action_key=key,
                position=number,
                date=on,
                date_not_recorded=not_recorded,
                note=update.note,
                status=update.status.value if update.status else None,
                reported_by=update.by,
            )
        self._outcome_links(t.ACTION_OUTCOMES, "action_key", key, action.outcomes)
        self._conflicts(action.conflicts, recommendation=rec_key, action=key)

    def _conflicts(
        self,
        conflicts: Iterable[Conflict],
        *,
        recommendation: int | None = None,
        action: int | None = None,
    ) -> None:
        for position, conflict in enumerate(conflicts, 1):
            self.add(
                t.CONFLICTS,
                conflict_key=self.keys.new(t.CONFLICTS),
                plan_id=self.plan.plan.id,
                recommendation_key=recommendation,
                action_key=action,
                position=position,
                key=conflict.key,
                ours=conflict.ours,
                theirs=conflict.theirs,
                ours_from=conflict.ours_from,
                theirs_from=conflict.theirs_from,
            )

    def _funding(self, key: int, position: int, route: FundingRoute) -> None:
        target, kind = target_text(route.target)
        self.add(
            t.FUNDING_ROUTES,
            action_key=key,
            position=position,
            route=route.route,
            target=target,
            target_kind=kind,
            target_text=route.target_text,
        )

    def _revision(self, key: int, position: int, revision: TargetRevision) -> None:
        target, kind = target_text(revision.target)
        approved_at, not_recorded = recorded_day(revision.approved_at)
        self.add(
            t.REVISIONS,
            action_key=key,
            position=position,
            date=day(revision.date),
            target=target,
            target_kind=kind,
            target_due=day(revision.target.due_date()),
            reason=revision.reason,
            revised_by=revision.by,
            approved_by=revision.approved_by,
            approved_at=approved_at,
            approved_at_not_recorded=not_recorded,
        )

    def _service(self, section: str, position: int, service: Service) -> None:
        key = self.keys.new(t.SERVICES)
        self.add(
            t.SERVICES,
            service_key=key,
            plan_id=self.plan.plan.id,
            section=section,
            position=position,
            id=service.id,
            name=service.name,
            provider=service.provider,
            role=service.role,
            text=service.text,
        )
        self._outcome_links(t.SERVICE_OUTCOMES, "service_key", key, service.outcomes)


def people_rows(
    rows: PlanRows | SharedPeople,
    plan_id: str | None,
    declared_in: str,
    people: Iterable[Person],
    include_emails: bool,
) -> list[int]:
    """Add a file's declared people (and their aliases) to `rows`; their keys, in order."""
    added = []
    for position, person in enumerate(people, 1):
        key = rows.keys.new(t.PEOPLE)
        rows.person_keys[id(person)] = key
        rows.add(
            t.PEOPLE,
            person_key=key,
            plan_id=plan_id,
            declared_in=declared_in,
            position=position,
            id=person.id,
            name=person.name,
            kind=person.kind.value,
            role=person.role,
            email=person.email if include_emails else None,
        )
        for number, alias in enumerate(person.aliases, 1):
            rows.add(t.ALIASES, person_key=key, position=number, alias=alias)
        added.append(key)
    return added


class SharedPeople:
    """The people the settings files declare, each file's added once, before the plans that
    name them; owners resolve to them after the plan's own people."""

    def __init__(self, keys: Keys, include_emails: bool) -> None:
        self.keys, self.include_emails = keys, include_emails
        self.person_keys: dict[int, int] = {}
        self.rows: Rows = {}
        self._files: dict[str, tuple[Person, ...]] = {}

    def add(self, table: t.Table, **values: Value) -> None:
        self.rows.setdefault(table.name, []).append(table.row(values))

    def declare(self, path: str, people: tuple[Person, ...]) -> Rows:
        """The rows of a settings file's people the first time it is seen; else none."""
        self.rows = {}
        if path not in self._files:
            self._files[path] = people  # kept, so the ids of its people stay theirs
            people_rows(self, None, path, people, self.include_emails)
        return self.rows
