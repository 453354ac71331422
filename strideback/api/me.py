"""Her own programme: /api/v1/me/... Each route parses what was sent (through the web's
forms where there is one), calls one service, and renders its answer."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile

from strideback.accounts.models import User
from strideback.api.base import (
    DEFAULT_LIMIT,
    ERRORS,
    READ_AUTH,
    WRITE_AUTH,
    AnyBody,
    EntryId,
    Id,
    Key,
    answers,
    caller,
    client_key,
    page_of,
)
from strideback.api.forms import checked, flat_tests, form_data
from strideback.api.render import entry, history_item, intake_version, progress, session
from strideback.api.schemas import (
    ActivityOut,
    ClearanceIn,
    CodeIn,
    EditIn,
    EntryOut,
    IntakeOut,
    LogIn,
    PauseIn,
    ProgressOut,
    RetestIn,
    SessionOut,
    ShareOut,
    TodayOut,
    VerdictOut,
    WatchAnswersIn,
    page_schema,
)
from strideback.core import InputError, Problem
from strideback.core.activities import MAX_FILE_BYTES
from strideback.practice import sharing
from strideback.practice.sharing_forms import CodeForm
from strideback.programmes import services as programmes
from strideback.programmes.lookups import current_programme_for, event_for
from strideback.programmes.models import Event, Programme
from strideback.takeaway import services as takeaway
from strideback.tracking import activities
from strideback.tracking import services as tracking
from strideback.tracking.forms import (
    ClearanceForm,
    PauseForm,
    RetestForm,
    SessionLogForm,
    WatchAnswersForm,
)
from strideback.tracking.progress import progress_for

router = Router(tags=["Her programme"])

NO_PROGRAMME = (
    "You have no programme yet: answer the questions first (PUT /api/v1/me/intake, or the "
    "intake on the site)."
)
PLAN_DAYS = 28  # GET /me/plan without dates: the next 4 weeks
MAX_PLAN_DAYS = 366


def _her(request: HttpRequest) -> User:
    return caller(request).user


def _programme(user: User) -> Programme:
    programme = current_programme_for(user)
    if programme is None:
        raise Http404(NO_PROGRAMME)
    return programme


def _made(event: Event, now: datetime, body: Any) -> Status:
    """201 when this request saved it; 200 when it was saved before (the same key again)."""
    return Status(201 if event.recorded_at == now else 200, body)


def _limit(limit: int) -> int:
    if not 1 <= limit <= 100:
        raise InputError("list", [Problem("limit", "give a number from 1 to 100")])
    return limit


# --- Her answers -------------------------------------------------------------------------


@router.get("/intake", auth=READ_AUTH, response=answers(IntakeOut), operation_id="me_intake")
def get_intake(request: HttpRequest) -> Any:
    """Her answers in force (the newest version), with every version, newest first."""
    versions = programmes.answer_versions(_her(request))
    if not versions:
        raise Http404("You have not answered the questions yet: PUT /api/v1/me/intake.")
    newest = intake_version(versions[0])
    return {**newest, "versions": [intake_version(v) for v in versions]}


@router.put(
    "/intake", auth=WRITE_AUTH, response=answers(IntakeOut), operation_id="me_intake_answer"
)
def put_intake(request: HttpRequest, payload: dict[str, Any] = AnyBody) -> Any:
    """Her answers (the intake file's fields): the first start her programme; later ones are a
    new version on it, read from today. The same answers twice make one version. New
    answers never lift a referral."""
    user = _her(request)
    version = programmes.answer_again(user, payload, timezone.localdate(), timezone.now())
    newest = intake_version(version)
    return {**newest, "versions": [newest]}


# --- What the plan says --------------------------------------------------------------------


def dump(model: Any) -> Any:
    """A core model as JSON, or None."""
    return model.model_dump(mode="json") if model is not None else None


@router.get("/verdict", auth=READ_AUTH, response=answers(VerdictOut), operation_id="me_verdict")
def get_verdict(request: HttpRequest) -> Any:
    """Can she run now, and why."""
    page = programmes.verdict_page(_programme(_her(request)), timezone.localdate())
    plan = page.plan
    return {
        "verdict": dump(plan.verdict),
        "readiness": dump(plan.readiness),
        "referral": dump(plan.referral),
        "pause": dump(plan.pause),
        "hold": dump(plan.hold),
        "limits": list(plan.limits),
        "changes": [dump(d) for d in page.changes],
        "disclaimer": plan.disclaimer,
    }


PlanPage = page_schema(SessionOut, "PlanPage")
FROM = Query(None, alias="from", description="First day (default: today).")
TO = Query(None, description="Last day (default: 4 weeks after the first).")


@router.get("/plan", auth=READ_AUTH, response=answers(PlanPage), operation_id="me_plan")
def get_plan(
    request: HttpRequest,
    from_: date | None = FROM,
    to: date | None = TO,
    cursor: str | None = None,
    limit: int = DEFAULT_LIMIT,
) -> Any:
    """Her dated sessions from ``from`` to ``to``, each with what to do."""
    today = timezone.localdate()
    first = from_ or today
    last = to or first + timedelta(days=PLAN_DAYS - 1)
    if last < first or (last - first).days >= MAX_PLAN_DAYS:
        raise InputError(
            "plan",
            [Problem("to", f"give a day on or after 'from', at most {MAX_PLAN_DAYS} days on")],
        )
    plan = programmes.programme_as_of(_programme(_her(request)), today)
    shown = [s for s in plan.sessions if first <= s.date <= last]
    page = page_of(
        shown, lambda s: [s.date.isoformat(), s.kind], cursor, _limit(limit), descending=False
    )
    return {**page, "items": [session(s) for s in page["items"]]}


@router.get("/today", auth=READ_AUTH, response=answers(TodayOut), operation_id="me_today")
def get_today(request: HttpRequest) -> Any:
    """Today: the session to do, the next one, what she logged today."""
    today = timezone.localdate()
    page = tracking.today_page(
        _programme(_her(request)), today, timezone.now(), early=False, logged=None
    )
    return {
        "today": today,
        "session": session(page.session) if page.session else None,
        "early": page.early,
        "upcoming": session(page.upcoming) if page.upcoming else None,
        "done": [session(s) for s in page.done],
        "awaiting_pain_check": page.check.public_id if page.check else None,
        "awaiting_watch_answers": [event.public_id for event in page.awaiting],
        "from_professionals": page.from_professionals,
        "verdict": page.plan.verdict.model_dump(mode="json"),
    }


@router.get("/progress", auth=READ_AUTH, response=answers(ProgressOut), operation_id="me_progress")
def get_progress(request: HttpRequest) -> Any:
    """The numbers behind her progress charts, one table per chart."""
    return progress(progress_for(_programme(_her(request)), timezone.localdate()))


@router.get("/export", auth=READ_AUTH, response=answers(dict[str, Any]), operation_id="me_export")
def get_export(request: HttpRequest) -> Any:
    """Everything Strideback holds about her: the same document as the settings page's JSON
    download. Its entries replay with `strideback plan INTAKE --events EXPORT`."""
    return takeaway.export_data(_her(request), timezone.now())


# --- Her entries ---------------------------------------------------------------------------

EntryPage = page_schema(EntryOut, "EntryPage")


@router.get("/logs", auth=READ_AUTH, response=answers(EntryPage), operation_id="me_logs")
def list_logs(request: HttpRequest, cursor: str | None = None, limit: int = DEFAULT_LIMIT) -> Any:
    """Every entry as it stands (an edited one in its newest version), newest first, with
    the decisions it led to."""
    history = tracking.history_page(_programme(_her(request)), timezone.localdate(), timezone.now())
    page = page_of(
        history.entries,
        lambda e: [e.event.recorded_at.isoformat(), e.event.pk],
        cursor,
        _limit(limit),
    )
    return {**page, "items": [history_item(e) for e in page["items"]]}


@router.post("/logs", auth=WRITE_AUTH, response=answers(EntryOut, 200, 201), operation_id="me_log")
def log_session(request: HttpRequest, payload: LogIn, idempotency_key: str | None = Key) -> Any:
    """Log how a session went (today's, or a day up to 14 days back). 201 the first time;
    the same Idempotency-Key again answers 200 with the same entry."""
    user = _her(request)
    programme = _programme(user)
    today, now = timezone.localdate(), timezone.now()
    sent = payload.model_dump(exclude={"early"})
    form = checked(
        SessionLogForm(form_data(sent, {"date": "day"}), today=today),
        "your entry",
        {"day": "date"},
    )
    key = client_key(idempotency_key)
    # As Today's form: sent before (the same key), it gets the entry saved the first time,
    # even when its session is logged by now.
    event = tracking.already_logged(programme, key) or tracking.log_from_today(
        user,
        programme,
        form.log(),
        today,
        now,
        day=form.log_day,
        early=payload.early,
        client_key=key,
    )
    return _made(event, now, entry(event))


def _edit(request: HttpRequest, entry_id: str, payload: EditIn, whole: bool) -> Any:
    user = _her(request)
    programme = _programme(user)
    event = event_for(user, entry_id)
    sent = payload.model_dump(exclude_unset=not whole, exclude={"tests", "symptoms"})
    if event.type == "session":
        initial = {} if whole else SessionLogForm.initial_from(event.data)
        values = {**initial, **{k: v for k, v in sent.items() if v is not None or not whole}}
        form = checked(SessionLogForm(form_data(values)), "edit")
        changes = form.log()
    elif event.type == "retest":
        initial = {} if whole else RetestForm.initial_from_event(event.data)
        tests = flat_tests(payload.tests or {}) if payload.tests is not None else {}
        symptoms = {"symptoms": payload.symptoms} if payload.symptoms is not None else {}
        values = {**initial, **tests, **symptoms}
        retest = checked(RetestForm(form_data(values), today=timezone.localdate()), "edit")
        changes = retest.result()
    else:
        raise InputError("edit", [Problem("", "Only logged sessions and re-tests can be changed.")])
    edited = tracking.edit_event(user, event, changes, programme, timezone.now())
    return entry(edited)


@router.patch(
    "/logs/{entry_id}", auth=WRITE_AUTH, response=answers(EntryOut), operation_id="me_log_change"
)
def patch_log(request: HttpRequest, payload: EditIn, entry_id: str = EntryId) -> Any:
    """Change an entry (within 48 hours of logging it): only the fields given. The change is
    a new entry that replaces the old one; nothing is overwritten."""
    return _edit(request, entry_id, payload, whole=False)


@router.put(
    "/logs/{entry_id}", auth=WRITE_AUTH, response=answers(EntryOut), operation_id="me_log_replace"
)
def put_log(request: HttpRequest, payload: EditIn, entry_id: str = EntryId) -> Any:
    """Change an entry (within 48 hours): the whole entry as it should be."""
    return _edit(request, entry_id, payload, whole=True)


@router.post(
    "/retests", auth=WRITE_AUTH, response=answers(EntryOut, 200, 201), operation_id="me_retest"
)
def post_retest(request: HttpRequest, payload: RetestIn, idempotency_key: str | None = Key) -> Any:
    """The readiness tests again; a pass unlocks walk-run from today. One a day."""
    user = _her(request)
    programme = _programme(user)
    today, now = timezone.localdate(), timezone.now()
    values = {**flat_tests(payload.tests), "symptoms": payload.symptoms}
    form = checked(RetestForm(form_data(values), today=today), "re-test")
    event = tracking.record_retest(
        user, programme, form.result(), today, now, client_key=client_key(idempotency_key)
    )
    return _made(event, now, entry(event))


@router.post(
    "/pause", auth=WRITE_AUTH, response=answers(EntryOut, 200, 201), operation_id="me_pause"
)
def post_pause(request: HttpRequest, payload: PauseIn, idempotency_key: str | None = Key) -> Any:
    """Pause her plan from today (illness, a bad week, a holiday)."""
    user = _her(request)
    programme = _programme(user)
    now = timezone.now()
    form = checked(PauseForm(form_data(payload.model_dump())), "pause")
    event = tracking.pause_plan(
        user, programme, form.reason(), timezone.localdate(), now, client_key(idempotency_key)
    )
    return _made(event, now, entry(event))


@router.post(
    "/resume", auth=WRITE_AUTH, response=answers(EntryOut, 200, 201), operation_id="me_resume"
)
def post_resume(request: HttpRequest, idempotency_key: str | None = Key) -> Any:
    """Put her plan back on from today; the runs pick up by how long the pause was."""
    user = _her(request)
    now = timezone.now()
    event = tracking.resume_plan(
        user, _programme(user), timezone.localdate(), now, client_key(idempotency_key)
    )
    return _made(event, now, entry(event))


@router.post(
    "/clearance",
    auth=WRITE_AUTH,
    response=answers(EntryOut, 200, 201),
    operation_id="me_clearance",
)
def post_clearance(
    request: HttpRequest, payload: ClearanceIn, idempotency_key: str | None = Key
) -> Any:
    """A pelvic health physiotherapist has assessed her (her own report): it lifts the
    referrals recorded before it, within any limits set."""
    user = _her(request)
    programme = _programme(user)
    today, now = timezone.localdate(), timezone.now()
    form = checked(
        ClearanceForm(form_data(payload.model_dump(mode="json")), today=today), "assessment"
    )
    event = tracking.record_clearance(
        user, programme, form.assessment(), today, now, client_key(idempotency_key)
    )
    return _made(event, now, entry(event))


# --- Runs from her watch ---------------------------------------------------------------


def _activity(imported: activities.Imported) -> dict[str, Any]:
    watch, comparison = imported.watch, imported.comparison
    assert imported.event is not None
    return {
        **watch.model_dump(mode="json", exclude={"fingerprint"}),
        "session": session(imported.session) if imported.session else None,
        "comparison": (
            {
                **dataclasses.asdict(comparison),
                "beyond_seconds": comparison.beyond_seconds,
                "words": comparison.words(),
            }
            if comparison
            else None
        ),
        "unmatched": imported.why,
        "again": imported.again,
        "log": entry(imported.event),
    }


@router.post(
    "/activities",
    auth=WRITE_AUTH,
    response=answers(ActivityOut, 200, 201),
    operation_id="me_activity",
)
def post_activity(
    request: HttpRequest,
    file: File[UploadedFile],
    session: Form[date | None] = None,
) -> Any:
    """Bring in a run from her watch: a FIT, GPX or TCX file as the multipart field
    ``file``. It is matched to the session planned that day (or the nearest open run within
    2 days); when two are as near, the answer is a 400 naming them, and she sends the one
    it was as ``session``. A matched run counts at once and moves nothing on until she has
    answered the questions (POST /me/activities/{id}/answers). The same activity twice is
    one entry (200 the second time)."""
    imported = activities.import_upload(
        _her(request),
        _programme(_her(request)),
        file.name or "file",
        file.read(MAX_FILE_BYTES + 1),
        session,
        timezone.localdate(),
        timezone.now(),
    )
    return Status(200 if imported.again else 201, _activity(imported))


@router.post(
    "/activities/{entry_id}/answers",
    auth=WRITE_AUTH,
    response=answers(EntryOut),
    operation_id="me_activity_answers",
)
def post_activity_answers(
    request: HttpRequest, payload: WatchAnswersIn, entry_id: str = EntryId
) -> Any:
    """Her answers for a run her watch brought in (leaking, heaviness or dragging; effort;
    pain): the entry's new version, which lets the plan move on, or refers her."""
    user = _her(request)
    form = checked(WatchAnswersForm(form_data(payload.model_dump(mode="json"))), "answers")
    try:
        event = activities.answer_watch_run(
            user,
            _programme(user),
            entry_id,
            form.answers(),
            timezone.localdate(),
            timezone.now(),
        )
    except Event.DoesNotExist:
        raise Http404("No such entry.") from None
    return entry(event)


# --- Sharing -------------------------------------------------------------------------------

SharePage = page_schema(ShareOut, "SharePage")


def _share(share: Any) -> dict[str, Any]:
    return {
        "id": share.pk,
        "practice": share.practice.name,
        "granted_at": share.granted_at,
        "revoked_at": share.revoked_at,
    }


@router.get("/shares", auth=READ_AUTH, response=answers(SharePage), operation_id="me_shares")
def list_shares(request: HttpRequest, cursor: str | None = None, limit: int = DEFAULT_LIMIT) -> Any:
    """The practices that can see her programme now, newest first."""
    shares = list(reversed(sharing.her_sharing(_her(request)).shares))
    page = page_of(shares, lambda s: [s.granted_at.isoformat(), s.pk], cursor, _limit(limit))
    return {**page, "items": [_share(s) for s in page["items"]]}


@router.post(
    "/shares", auth=WRITE_AUTH, response=answers(ShareOut, 200, 201), operation_id="me_share"
)
def post_share(request: HttpRequest, payload: CodeIn) -> Any:
    """Share her programme with the practice whose code this is (her consent). Sharing
    again with the same practice answers the share she has."""
    now = timezone.now()
    code = checked(CodeForm(form_data(payload.model_dump())), "share").cleaned_data["code"]
    share = sharing.accept_share(_her(request), code, now)
    return Status(201 if share.granted_at == now else 200, _share(share))


@router.delete(
    "/shares/{share_id}",
    auth=WRITE_AUTH,
    response={204: None, **ERRORS},
    operation_id="me_share_end",
)
def delete_share(request: HttpRequest, share_id: int = Id) -> Any:
    """End a practice's access at once; her plan keeps everything. Ending it twice is ending
    it once (204 both times)."""
    sharing.revoke_share(_her(request), share_id, timezone.now())
    return Status(204, None)
