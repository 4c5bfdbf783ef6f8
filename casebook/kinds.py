"""The four record kinds, their fields, the allowed values and labels for people.

One table drives validation (import, CLI, GUI), canonical hashing, search indexing,
export, the editors and the summary, so a field is declared once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FieldType = Literal[
    "text",
    "enum",
    "enum_list",
    "person",
    "date",
    "text_list",
    "disclosure",
    "attendees",
    "children",
    "disclosures",
]


@dataclass(frozen=True)
class FieldSpec:
    """One kind-specific field of a record.

    Attributes:
        name: The key in casebook/1 and in storage.
        type: What it holds; :mod:`casebook.fieldtypes` says what each type means.
        label: The words shown for it (editors, ``record show``, the summary).
        choices: The allowed values of an ``enum`` or ``enum_list``.
        summary_label: The summary's words for it where they differ from ``label`` (a
            row of details has room for a short word).
        with_age: For a ``person``: the summary gives their age at the event.
        later: Added to a kind after casebook/1 (casebook/1.1): left out of the content
            hash while empty, so a record finalised before the field existed keeps its
            hash when it is exported and imported again (import fills in every field).
    """

    name: str
    type: FieldType
    label: str
    choices: tuple[str, ...] = ()
    summary_label: str = ""
    with_age: bool = False
    later: bool = False

    @property
    def summary_heading(self) -> str:
        """What the summary heads the field with."""
        return self.summary_label or self.label


# In this order wherever people are listed (a case's people, pickers, the summary).
ROLES = ("subject", "partner", "child", "family", "professional")
CASE_STATUSES = ("open", "closed")
RECORD_STATUSES = ("draft", "final")
KINDS = ("session", "child_work", "partner_support", "professional_contact")
# The kinds a casebook/1 document may hold (casebook/1.1 added professional_contact).
KINDS_V1 = ("session", "child_work", "partner_support")
LOCATIONS = ("home_visit", "office", "school", "prison", "phone", "video", "other")
SESSION_TYPES = ("assessment", "intervention", "review", "risk_assessment")
RISK_LEVELS = ("none", "low", "medium", "high")
RISK_INDICATORS = (
    "denial",
    "minimisation",
    "victim_blaming",
    "manipulation",
    "access_to_children",
    "breach",
)
ACTIVITIES = ("three_houses", "wishes_feelings", "words_pictures", "drawing", "play", "other")
CONTACT_TYPES = ("visit", "phone", "office", "video", "message")
MEETING_TYPES = (
    "strategy_discussion",
    "core_group",
    "cp_conference",
    "professionals_meeting",
    "call",
    "email",
    "other",
)
YES_NO = ("yes", "no")
FEELINGS_STAGES = ("shock", "disbelief", "anger", "bargaining", "sadness", "acceptance", "other")
# Change over time (casebook/1.1): dated ratings on the records of the person of concern
# (sessions) and of the partner (partner support), each on a fixed scale of five steps
# (0 to 4, lowest first) with a note beside it. Higher is always further towards safe
# change, so every trend chart reads the same way up. The steps follow tools practitioners
# already use: motivation, the stages of change (Prochaska and DiClemente, as motivational
# interviewing uses them); denial and minimisation, the denial continuum from full denial
# to full responsibility (as in accountability work with people who have offended);
# strengths and desistance factors (Good Lives, desistance), and a partner's protective
# capacity, a none-to-strong scaling as in Signs of Safety style scaling questions. A
# rating is not rated (null) until the practitioner chooses a step.
MOTIVATION_STEPS = ("precontemplation", "contemplation", "preparation", "action", "maintenance")
DENIAL_STEPS = (
    "full_denial",
    "partial_denial",
    "much_minimising",
    "some_minimising",
    "full_responsibility",
)
DESISTANCE_STEPS = ("none_seen", "few", "some", "several", "strong")
PROTECTIVE_STEPS = ("not_protective", "limited", "developing", "adequate", "strong")
# How a summary names people (casebook.summary.redact), in the order the app offers them.
REDACTION_MODES = ("none", "initials", "pseudonyms")

FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    "session": (
        FieldSpec("session_type", "enum", "Session type", SESSION_TYPES),
        FieldSpec("purpose", "text", "Purpose"),
        FieldSpec("narrative", "text", "Narrative"),
        FieldSpec("presentation", "text", "Presentation and wellbeing"),
        FieldSpec("risk_to_self", "enum", "Risk to self", RISK_LEVELS, "Risk-to-self screen"),
        # The risk-to-self screen (casebook/1.1): what lies behind the rating.
        FieldSpec("risk_thoughts", "text", "Thoughts of suicide or self-harm", later=True),
        FieldSpec("risk_plans", "text", "Plans", later=True),
        FieldSpec("risk_means", "text", "Access to means", later=True),
        FieldSpec("protective_factors", "text", "Protective factors", later=True),
        FieldSpec("police_contact", "text", "Recent police contact", later=True),
        FieldSpec("court_dates", "text", "Court dates ahead", later=True),
        # Not in casebook/1's table: what was done when risk to self is medium or high.
        FieldSpec("escalation", "text", "Escalation taken"),
        # casebook/1.1: who was contacted and when; a medium or high screen cannot be
        # finalised without both (casebook.risk).
        FieldSpec(
            "escalation_contacted", "text", "Who was contacted (GP, crisis team)", later=True
        ),
        FieldSpec("escalation_on", "date", "When they were contacted", later=True),
        FieldSpec("risk_indicators", "enum_list", "Risk indicators", RISK_INDICATORS),
        FieldSpec("strengths", "text", "Strengths and motivation"),
        FieldSpec("safeguarding", "text", "Safeguarding concerns"),
        FieldSpec("next_session", "date", "Next session"),
        # Change over time (casebook/1.1): see RATING_SCALES.
        FieldSpec(
            "motivation_rating", "enum", "Motivation to change", MOTIVATION_STEPS, later=True
        ),
        FieldSpec("motivation_note", "text", "Motivation to change: note", later=True),
        FieldSpec(
            "desistance_rating",
            "enum",
            "Strengths and desistance factors",
            DESISTANCE_STEPS,
            later=True,
        ),
        FieldSpec("desistance_note", "text", "Strengths and desistance factors: note", later=True),
        FieldSpec("denial_rating", "enum", "Denial and minimisation", DENIAL_STEPS, later=True),
        FieldSpec("denial_note", "text", "Denial and minimisation: note", later=True),
        # A safety plan for the person (casebook/1.1), printable for them alone
        # (casebook.summary.safety_plan).
        FieldSpec("plan_warning_signs", "text", "My warning signs", later=True),
        FieldSpec("plan_coping", "text", "Things I can do to cope", later=True),
        FieldSpec("plan_people_places", "text", "People and places that help", later=True),
        FieldSpec("plan_professionals", "text", "Professionals and crisis lines", later=True),
        FieldSpec("plan_environment", "text", "Making my surroundings safe", later=True),
    ),
    "child_work": (
        # One child (casebook/1): records written before ``children`` keep it as it is.
        FieldSpec("child", "person", "Child", with_age=True),
        # casebook/1.1: the children seen (siblings seen together), each with the child role.
        FieldSpec("children", "children", "Children", with_age=True, later=True),
        FieldSpec("activity", "enum", "Activity or tool", ACTIVITIES, "Activity"),
        FieldSpec("childs_words", "text_list", "The child's own words"),
        FieldSpec("worries", "text", "Worries"),
        FieldSpec("good_things", "text", "Good things"),
        FieldSpec("wishes", "text", "Wishes"),
        FieldSpec("understanding", "text", "Understanding of why contact stopped"),
        # One disclosure (casebook/1), kept as it is in records written before
        # ``disclosures``: each of those says which child made it (casebook/1.1).
        FieldSpec("disclosure", "disclosure", "Disclosure"),
        FieldSpec("disclosures", "disclosures", "Disclosures", later=True),
        FieldSpec("observations", "text", "Observations"),
    ),
    "partner_support": (
        FieldSpec("partner", "person", "Partner"),
        FieldSpec("contact_type", "enum", "Contact type", CONTACT_TYPES, "Contact"),
        FieldSpec("feelings_stage", "enum", "Feelings stage", FEELINGS_STAGES, "Stage"),
        FieldSpec("feelings", "text", "Feelings"),
        FieldSpec("information_given", "text", "Information and advice given"),
        FieldSpec("decisions", "text", "Partner's decisions"),
        FieldSpec("understanding_of_risk", "text", "Understanding of risk"),
        FieldSpec("protective_capacity", "text", "Protective capacity"),
        # Change over time (casebook/1.1): see RATING_SCALES.
        FieldSpec(
            "protective_rating", "enum", "Protective capacity rating", PROTECTIVE_STEPS, later=True
        ),
        FieldSpec("protective_note", "text", "Protective capacity rating: note", later=True),
        FieldSpec("safety_plan", "text", "Safety plan"),
        FieldSpec("wellbeing", "text", "Wellbeing"),
    ),
    # A meeting or a call with other professionals (casebook/1.1). Who does what by when
    # are the record's actions.
    "professional_contact": (
        FieldSpec("meeting_type", "enum", "Meeting or contact", MEETING_TYPES, "Type"),
        FieldSpec("attendees", "attendees", "Who attended"),
        FieldSpec("purpose", "text", "Purpose"),
        FieldSpec("information_shared", "text", "Information shared"),
        FieldSpec("decisions", "text", "Decisions"),
        FieldSpec("family_told", "enum", "Family told of the outcome", YES_NO, "Family told"),
        FieldSpec("family_told_note", "text", "Family told: by whom and when, or why not"),
        FieldSpec("next_meeting", "date", "Next meeting"),
    ),
}

KIND_LABELS = {
    "session": "Session",
    "child_work": "Direct work with a child",
    "partner_support": "Partner support",
    "professional_contact": "Professional contact",
}

# The words shown for each field's stored values (editors, CLI, summary).
CHOICE_LABELS: dict[str, dict[str, str]] = {
    "location": {
        "home_visit": "Home visit",
        "office": "Office",
        "school": "School",
        "prison": "Prison",
        "phone": "Phone",
        "video": "Video call",
        "other": "Other setting",
    },
    "session_type": {
        "assessment": "Assessment",
        "intervention": "Intervention",
        "review": "Review",
        "risk_assessment": "Risk assessment",
    },
    "risk_to_self": {"none": "None", "low": "Low", "medium": "Medium", "high": "High"},
    "risk_indicators": {
        "denial": "Denial",
        "minimisation": "Minimisation",
        "victim_blaming": "Victim-blaming",
        "manipulation": "Manipulation",
        "access_to_children": "Access to children",
        "breach": "Breach",
    },
    "activity": {
        "three_houses": "Three Houses",
        "wishes_feelings": "Wishes and feelings",
        "words_pictures": "Words and pictures",
        "drawing": "Drawing",
        "play": "Play",
        "other": "Other activity",
    },
    "contact_type": {
        "visit": "Visit",
        "phone": "Phone call",
        "office": "Office appointment",
        "video": "Video call",
        "message": "Message",
    },
    "meeting_type": {
        "strategy_discussion": "Strategy discussion",
        "core_group": "Core group",
        "cp_conference": "Child protection conference",
        "professionals_meeting": "Professionals meeting",
        "call": "Call with a professional",
        "email": "Email with a professional",
        "other": "Other professional contact",
    },
    "family_told": {"yes": "Yes", "no": "No"},
    "feelings_stage": {
        "shock": "Shock",
        "disbelief": "Disbelief",
        "anger": "Anger",
        "bargaining": "Bargaining",
        "sadness": "Sadness",
        "acceptance": "Acceptance",
        "other": "Other",
    },
    # Change over time: the words of each step, lowest (0) first.
    "motivation_rating": {
        "precontemplation": "Not considering change",
        "contemplation": "Thinking about change",
        "preparation": "Preparing to change",
        "action": "Making changes",
        "maintenance": "Keeping changes going",
    },
    "denial_rating": {
        "full_denial": "Full denial",
        "partial_denial": "Admits some, denies most",
        "much_minimising": "Admits, minimises much",
        "some_minimising": "Admits, minimises a little",
        "full_responsibility": "Takes full responsibility",
    },
    "desistance_rating": {
        "none_seen": "None seen",
        "few": "Few",
        "some": "Some",
        "several": "Several",
        "strong": "Strong",
    },
    "protective_rating": {
        "not_protective": "Not protective",
        "limited": "Limited",
        "developing": "Developing",
        "adequate": "Adequate",
        "strong": "Strong",
    },
    "role": {
        "subject": "Person of concern",
        "partner": "Partner",
        "child": "Child",
        "family": "Family member",
        "professional": "Professional",
    },
    "status": {"open": "Open", "closed": "Closed", "draft": "Draft", "final": "Final"},
}

# A value shown without its field: the few that mean different things in different
# fields get their plainest word.
VALUE_LABELS = {
    value: text for table in CHOICE_LABELS.values() for value, text in table.items()
} | {"office": "Office", "other": "Other", "phone": "Phone", "video": "Video"}

DISCLOSURE_KEYS = ("verbatim", "at", "present", "response", "informed")
# A disclosure in ``disclosures`` also says which child made it (a person key).
DISCLOSURES_ITEM_KEYS = ("child", *DISCLOSURE_KEYS)
# The fields of direct work that name children: only people with this role go there.
CHILD_ROLE = "child"
# The Three Houses (worries, good things, wishes): shown under that heading only when the
# activity is Three Houses (casebook.childwork).
THREE_HOUSES = ("worries", "good_things", "wishes")
# An attendee of a professional contact: a person of the case (``person``, a key) or a
# named professional (``name``), with their agency and role.
ATTENDEE_KEYS = ("person", "name", "agency", "role")


@dataclass(frozen=True)
class RatingScale:
    """One scale of change over time: a rating field and the note beside it.

    Attributes:
        kind: The record kind that carries it.
        rating: The ``enum`` field whose choices are the steps, lowest (0) first.
        note: The ``text`` field beside it.
        label: The scale's name (the chart's title, the CLI's column).
        role: Whose change it rates: ``subject`` (person of concern) or ``partner``.
    """

    kind: str
    rating: str
    note: str
    label: str
    role: str

    @property
    def steps(self) -> tuple[str, ...]:
        """The scale's values, lowest first."""
        spec = field_spec(self.kind, self.rating)
        return spec.choices if spec else ()

    def step(self, value: str | None) -> int | None:
        """The step of ``value`` (0 = lowest), or None when not rated."""
        return self.steps.index(value) if value in self.steps else None

    def words(self, value: str | None) -> str:
        """A rating in words with its place on the scale: "Making changes (3 of 4)"."""
        step = self.step(value)
        if step is None:
            return "Not rated"
        return f"{label(value, self.rating)} ({step} of {len(self.steps) - 1})"


RATING_SCALES = (
    RatingScale("session", "motivation_rating", "motivation_note", "Motivation to change",
                "subject"),
    RatingScale("session", "desistance_rating", "desistance_note",
                "Strengths and desistance factors", "subject"),
    RatingScale("session", "denial_rating", "denial_note", "Denial and minimisation",
                "subject"),
    RatingScale("partner_support", "protective_rating", "protective_note",
                "Protective capacity", "partner"),
)  # fmt: skip


def rating_scale(rating: str) -> RatingScale | None:
    """The scale whose rating field is ``rating``, or None."""
    return next((s for s in RATING_SCALES if s.rating == rating), None)


# The safety plan's fields, in the order the printed plan gives them.
SAFETY_PLAN_FIELDS = (
    "plan_warning_signs",
    "plan_coping",
    "plan_people_places",
    "plan_professionals",
    "plan_environment",
)


def field_spec(kind: str, name: str) -> FieldSpec | None:
    """The spec of field ``name`` of ``kind``, or None."""
    return next((spec for spec in FIELDS[kind] if spec.name == name), None)


def label(value: str | None, field: str | None = None) -> str:
    """The words shown for an enum value (the value itself when it has no label).

    Args:
        value: The stored value, e.g. ``"home_visit"``.
        field: The field it belongs to, e.g. ``"location"``, for the field's own words
            (``"video"`` is a "Video call" as a contact type); None for the plain word.
    """
    if value is None:
        return ""
    table = CHOICE_LABELS.get(field, VALUE_LABELS) if field else VALUE_LABELS
    return table.get(value, value.replace("_", " ").capitalize())


def role_rank_sql(column: str) -> str:
    """An SQL expression that sorts ``column`` (a role) in the order of :data:`ROLES`."""
    ranks = " ".join(f"WHEN '{role}' THEN {rank}" for rank, role in enumerate(ROLES))
    return f"CASE {column} {ranks} ELSE {len(ROLES)} END"
