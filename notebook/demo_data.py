"""The demo notebook: a small, entirely fictional caseload in the casebook/1 format.

Practitioners and reviewers open the demo notebook first, so this caseload is written to
show every part of the product: four households (three open, one closed), people in
every role, all three kinds of record with every field of the interchange format
(`/work/shared/IMPORT_FORMAT.md`), drafts and final records, late entries, an
addendum, overdue and upcoming actions, a disclosure, a child's drawing as an
attachment, and a few entries in the practitioner's reflective log.

Every name, place, service and phone number is invented. Phone numbers use the ranges
Ofcom reserves for drama (01632 960xxx). The writing is deliberately non-graphic: the
offences are referred to only as "the offences" or "the concerns".

The document is built from literals plus one tiny PNG drawn in code, so
`demo_document()` returns the same value on every call and needs nothing outside the
standard library.
"""

from __future__ import annotations

import base64
import struct
import zlib
from datetime import date, datetime, timedelta
from typing import Any

__all__ = ["FORMAT", "demo_document", "three_houses_drawing_png"]

FORMAT = "casebook/1"

JSONDict = dict[str, Any]
RGB = tuple[int, int, int]


# --------------------------------------------------------------------------- times


def _last_sunday(year: int, month: int) -> date:
    """The last Sunday of `month` (March or October, so the month has 31 days)."""
    last = date(year, month, 31)
    return last - timedelta(days=(last.weekday() + 1) % 7)


def _uk_offset(local: datetime) -> str:
    """The UK clock offset (GMT or BST) in force at a naive local time, as `+HH:MM`."""
    start = datetime.combine(_last_sunday(local.year, 3), datetime.min.time()).replace(hour=1)
    end = datetime.combine(_last_sunday(local.year, 10), datetime.min.time()).replace(hour=2)
    return "+01:00" if start <= local < end else "+00:00"


def _at(stamp: str) -> str:
    """Turn a UK local time `"YYYY-MM-DD HH:MM"` into ISO 8601 with its offset."""
    local = datetime.strptime(stamp, "%Y-%m-%d %H:%M")
    return local.strftime("%Y-%m-%dT%H:%M:00") + _uk_offset(local)


# --------------------------------------------------------------------------- the drawing


def _png(width: int, height: int, pixels: bytes | bytearray) -> bytes:
    """Encode 8-bit RGB `pixels` (row-major, no padding) as a PNG file."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = width * 3
    raw = b"".join(b"\x00" + bytes(pixels[y * row : (y + 1) * row]) for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


class _Canvas:
    """A tiny RGB canvas with just enough drawing to sketch a child's picture."""

    def __init__(self, width: int, height: int, background: RGB) -> None:
        self.width = width
        self.height = height
        self.pixels = bytearray(bytes(background) * (width * height))

    def dot(self, x: int, y: int, colour: RGB) -> None:
        if 0 <= x < self.width and 0 <= y < self.height:
            i = (y * self.width + x) * 3
            self.pixels[i : i + 3] = bytes(colour)

    def line(self, x0: int, y0: int, x1: int, y1: int, colour: RGB) -> None:
        """Bresenham's line, both ends included."""
        dx, dy = abs(x1 - x0), -abs(y1 - y0)
        sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
        err = dx + dy
        while True:
            self.dot(x0, y0, colour)
            if x0 == x1 and y0 == y1:
                return
            twice = 2 * err
            if twice >= dy:
                err += dy
                x0 += sx
            if twice <= dx:
                err += dx
                y0 += sy

    def box(self, x0: int, y0: int, x1: int, y1: int, colour: RGB, *, fill: bool = False) -> None:
        for y in range(y0, y1 + 1):
            for x in range(x0, x1 + 1):
                if fill or x in (x0, x1) or y in (y0, y1):
                    self.dot(x, y, colour)

    def disc(self, cx: int, cy: int, radius: int, colour: RGB) -> None:
        for y in range(cy - radius, cy + radius + 1):
            for x in range(cx - radius, cx + radius + 1):
                if (x - cx) ** 2 + (y - cy) ** 2 <= radius * radius:
                    self.dot(x, y, colour)


def three_houses_drawing_png() -> bytes:
    """A 64x64 PNG "photo" of a Three Houses drawing: a red worry house, a green house of
    good things and a blue dream house, with a sun and the ground. Always the same bytes.
    """
    size = 64
    canvas = _Canvas(size, size, (250, 248, 240))
    canvas.disc(56, 8, 4, (245, 200, 40))
    canvas.line(0, 57, size - 1, 57, (120, 85, 50))
    for i, colour in enumerate([(200, 40, 40), (40, 150, 60), (40, 80, 200)]):
        left = 3 + i * 20
        right = left + 16
        canvas.box(left, 36, right, 56, colour)
        canvas.line(left, 36, left + 8, 24, colour)
        canvas.line(left + 8, 24, right, 36, colour)
        canvas.box(left + 6, 47, left + 10, 56, colour, fill=True)
        canvas.box(left + 3, 40, left + 5, 42, colour)
        canvas.box(left + 11, 40, left + 13, 42, colour)
    return _png(size, size, canvas.pixels)


# --------------------------------------------------------------------------- builders


def _person(
    key: str,
    name: str,
    role: str,
    *,
    preferred_name: str | None = None,
    born: str | None = None,
    gp: str | None = None,
) -> JSONDict:
    """A person, leaving out the optional keys that are not given."""
    person: JSONDict = {"key": key, "name": name}
    if preferred_name is not None:
        person["preferred_name"] = preferred_name
    person["role"] = role
    if born is not None:
        person["born"] = born
    if gp is not None:
        person["gp"] = gp
    return person


# Actions due before this day are shown as done, so the demo's overdue list is short
# and real (the notebook's extension to casebook/1: actions may carry "done").
_DONE_BEFORE = "2026-09-01"


def _action(text: str, due: str | None) -> JSONDict:
    action: JSONDict = {"text": text, "due": due}
    if due is not None and due < _DONE_BEFORE:
        action["done"] = True
    return action


def _record(
    kind: str,
    event: str,
    written: str,
    *,
    location: str,
    minutes: int,
    people: list[str],
    status: str,
    tags: list[str],
    fields: JSONDict,
    attachments: list[JSONDict] | None = None,
    addenda: list[JSONDict] | None = None,
) -> JSONDict:
    """A record; `event` and `written` are UK local times `"YYYY-MM-DD HH:MM"`."""
    record: JSONDict = {
        "kind": kind,
        "event_at": _at(event),
        "written_at": _at(written),
        "location": location,
        "duration_minutes": minutes,
        "people": people,
        "status": status,
        "tags": tags,
        "fields": fields,
    }
    if attachments:
        record["attachments"] = attachments
    if addenda:
        record["addenda"] = addenda
    return record


def _case(
    ref: str,
    title: str,
    *,
    opened: str,
    closed: str | None,
    people: list[JSONDict],
    records: list[JSONDict],
) -> JSONDict:
    return {
        "ref": ref,
        "title": title,
        "status": "closed" if closed else "open",
        "opened": opened,
        "closed": closed,
        "people": people,
        "records": records,
    }


# --------------------------------------------------------------------------- case 1


def _nowak_case() -> JSONDict:
    """A Polish family: Łukasz arrested early in 2025; Aga moves from shock to acceptance."""
    people = [
        _person(
            "p1",
            "Łukasz Nowak",
            "subject",
            born="1986-08-19",
            gp="Dr Helen Achebe, Marshgate Surgery, 4 Tanner Street, Wrenfield, 01632 960214",
        ),
        _person("p2", "Agnieszka Nowak", "partner", preferred_name="Aga", born="1988-03-07"),
        _person("p3", "Zofia Nowak", "child", born="2015-05-21"),
        _person("p4", "Kacper Nowak", "child", born="2019-01-30"),
        _person("p5", "Halina Kowalczyk", "family", born="1961-11-02"),
        _person("p6", "Rachel Ashdown", "professional"),
    ]
    drawing = base64.b64encode(three_houses_drawing_png()).decode("ascii")
    records = [
        _record(
            "partner_support",
            "2025-02-12 10:00",
            "2025-02-12 12:15",
            location="home_visit",
            minutes=75,
            people=["p2"],
            status="final",
            tags=["initial visit", "criminal justice process"],
            fields={
                "partner": "p2",
                "contact_type": "visit",
                "feelings_stage": "shock",
                "feelings": (
                    "Aga said she has not slept properly since the police attended on "
                    '27 January. She described feeling "numb" and said she keeps expecting '
                    "Łukasz to walk through the door. She cried at several points and "
                    "apologised for doing so; I reassured her that this is a common reaction."
                ),
                "information_given": (
                    "Explained my role and how it differs from that of the allocated social "
                    "worker, Rachel Ashdown. Outlined the criminal justice process in general "
                    "terms: investigation, charging decision and the possible court stages. "
                    "Explained that the police will not share everything they know with her "
                    "and why. Gave her the leaflet for the Harbour partners' group and the "
                    "number of the 24-hour listening line."
                ),
                "decisions": (
                    "Aga has decided that Łukasz will not return to the family home while the "
                    "investigation continues. She has signed the Written Agreement that there "
                    "will be no contact between Łukasz and the children unless Children's "
                    "Services agree it."
                ),
                "understanding_of_risk": (
                    "Aga says she cannot believe Łukasz would harm the children but accepts "
                    "that professionals need to be sure. At this stage her understanding is "
                    "limited by shock; we will come back to it."
                ),
                "protective_capacity": (
                    "Aga has acted protectively: she agreed to the Written Agreement "
                    "straight away, informed the school and asked her mother to help with "
                    "childcare. She is warm and attentive with the children."
                ),
                "safety_plan": (
                    "Interim plan: no contact between Łukasz and the children; Aga will not "
                    "pass messages between them; if Łukasz comes to the house she will not let "
                    "him in and will call 999. Halina (maternal grandmother) knows the plan."
                ),
                "wellbeing": (
                    "Eating little, sleeping poorly. No thoughts of harming herself (asked "
                    "directly). Encouraged her to see her GP; she will book an appointment "
                    "this week."
                ),
                "actions": [
                    _action(
                        "Post Aga the Harbour group details (not by text: her phone is shared "
                        "with Zofia)",
                        "2025-02-14",
                    ),
                    _action(
                        "Confirm with Rachel Ashdown that the Written Agreement is on file",
                        "2025-02-17",
                    ),
                ],
            },
        ),
        _record(
            "session",
            "2025-02-18 14:00",
            "2025-02-18 16:45",
            location="office",
            minutes=90,
            people=["p1"],
            status="final",
            tags=["assessment", "wellbeing", "risk to self"],
            fields={
                "session_type": "assessment",
                "purpose": (
                    "First assessment session following the referral from Wrenfield "
                    "Children's Services: to explain my role and the limits of "
                    "confidentiality, begin the assessment and complete a wellbeing screen."
                ),
                "narrative": (
                    "Łukasz arrived ten minutes early. I explained the purpose of the "
                    "assessment and the limits of confidentiality; he said he understood and "
                    "signed the consent form.\n\nWe talked about his background. He came to "
                    "the UK from Poznań in 2008, has worked as a warehouse supervisor for nine "
                    "years and met Aga in 2012. He spoke at length about the effect of the "
                    "arrest on his job and on his parents, who do not yet know. When we moved "
                    'to the reasons for the referral he said he "did not want to talk about '
                    'that today" and that his solicitor had advised him not to discuss the '
                    "offences. I explained that the assessment does not need him to discuss "
                    "the police investigation, but that we will need to talk about how he "
                    "understands the concerns."
                ),
                "presentation": (
                    "Unshaven and tired, flat in mood, slow speech and little eye contact. He "
                    "is sleeping three to four hours a night on his brother's sofa and has "
                    "lost weight. Asked directly about suicide, he said he has thought that "
                    '"everyone would be better off" without him, but has no plan and has '
                    "taken no steps. He named his children and his mother as reasons to keep "
                    "going."
                ),
                "risk_to_self": "medium",
                "risk_indicators": ["denial", "minimisation"],
                "strengths": (
                    "Arrived on time and stayed for the whole session. Stable employment "
                    "(suspended on full pay) and a supportive brother, Marek. Said he wants "
                    'to "do whatever it takes" to stay part of the children\'s lives, which '
                    "may motivate engagement."
                ),
                "safeguarding": (
                    "No contact with the children under the Written Agreement; Łukasz "
                    "confirmed he understands this. Medium risk to self: with his consent I "
                    "phoned Marshgate Surgery before he left and gave him the crisis line "
                    "number. Discussed with my manager the same afternoon."
                ),
                "next_session": "2025-02-25",
                "actions": [
                    _action(
                        "Write to Dr Achebe (with consent) about low mood and suicidal thoughts",
                        "2025-02-19",
                    ),
                    _action("Repeat the wellbeing screen at the next session", "2025-02-25"),
                ],
            },
        ),
        _record(
            "partner_support",
            "2025-02-24 18:30",
            "2025-02-24 19:10",
            location="phone",
            minutes=25,
            people=["p2"],
            status="final",
            tags=["criminal justice process"],
            fields={
                "partner": "p2",
                "contact_type": "phone",
                "feelings_stage": "disbelief",
                "feelings": (
                    'Aga said she has "gone over and over it" and still cannot believe '
                    "Łukasz has done what is alleged. She asked whether the police could "
                    "have made a mistake."
                ),
                "information_given": (
                    "Without discussing the evidence, explained that many partners hope "
                    "there has been a mistake. Explained what a charging decision is and that "
                    "it may take several months."
                ),
                "decisions": (
                    "She will not tell Zofia or Kacper any details for now; she has told them "
                    "that Dad is staying at Uncle Marek's while some grown-up things are "
                    "sorted out."
                ),
                "understanding_of_risk": (
                    "Aga finds it hard to hold the idea that someone she loves could pose a "
                    "risk. She has continued to follow the safety plan."
                ),
                "protective_capacity": (
                    "Keeping to the Written Agreement despite pressure from Łukasz's brother, "
                    "who asked whether Łukasz could come to Kacper's birthday."
                ),
                "wellbeing": (
                    "GP appointment booked for 3 March. Sleeping a little better while her "
                    "mother stays over."
                ),
                "actions": [],
            },
        ),
        _record(
            "child_work",
            "2025-03-05 13:15",
            "2025-03-05 15:30",
            location="school",
            minutes=45,
            people=["p3"],
            status="final",
            tags=["three houses", "direct work"],
            fields={
                "child": "p3",
                "activity": "three_houses",
                "childs_words": [
                    "My worry house has Dad being sad and Mum crying in the kitchen.",
                    "The good house has my hamster and Babcia's pierogi and my friend Maisie.",
                    "In my dream house everybody lives together again and Dad isn't in trouble.",
                    "I don't know why Dad can't come home. Mum says it's grown-up stuff.",
                ],
                "worries": (
                    "Zofia's worries were about her parents being upset and about not knowing "
                    "why her dad left. She also worries that her friends will find out."
                ),
                "good_things": (
                    "Her hamster, her grandmother's cooking, her friend Maisie, swimming on "
                    "Saturdays."
                ),
                "wishes": "For everyone to live together again, to see her dad, for Mum to stop "
                "being sad.",
                "understanding": (
                    "Zofia knows her father is living with his brother and that she cannot "
                    "see him at the moment. She does not know why, and thinks it might be "
                    "because her parents argued. An age-appropriate explanation is to be "
                    "agreed with Aga and Rachel Ashdown."
                ),
                "disclosure": None,
                "observations": (
                    "Met in the quiet room at Larkspur Primary. Zofia engaged well and chose "
                    "her colours carefully: red for the worry house, green for good things, "
                    "blue for the dream house. She became quiet when talking about her dad "
                    "and brightened when we moved to the good things house. She wanted to "
                    "keep her drawing; with her agreement I photographed it (attached) and "
                    "gave it back to her."
                ),
                "actions": [
                    _action(
                        "Agree with Aga and Rachel how to explain to Zofia why Dad cannot visit",
                        "2025-03-19",
                    )
                ],
            },
            attachments=[
                {
                    "name": "zofia-three-houses-2025-03-05.png",
                    "media_type": "image/png",
                    "data_base64": drawing,
                }
            ],
            addenda=[
                {
                    "written_at": _at("2025-03-07 09:20"),
                    "text": (
                        "Aga phoned on 6 March: Zofia showed her the drawing at home and "
                        "talked about her dream house. Aga was tearful but responded warmly. "
                        "A good sign that Zofia feels able to talk to her mother."
                    ),
                }
            ],
        ),
        _record(
            "session",
            "2025-03-06 10:00",
            "2025-03-10 16:40",
            location="office",
            minutes=120,
            people=["p1"],
            status="final",
            tags=["risk assessment"],
            fields={
                "session_type": "risk_assessment",
                "purpose": (
                    "Structured risk assessment, part one: attitudes about the offences and "
                    "current circumstances."
                ),
                "narrative": (
                    "Late entry: I was called to an urgent visit on the afternoon of 6 March "
                    "and was on a training day on 7 March. Written from my handwritten notes "
                    "made during the session.\n\nWe completed the first part of the "
                    "structured assessment. Łukasz described the offences as something that "
                    '"just happened" during a period of heavy drinking and stress at work, '
                    'and said that "nobody was actually hurt". I reflected back that the '
                    "offences involve real children and that the law exists to protect them; "
                    'he was quiet for a while and then said he "knew that really". He also '
                    'said that Aga\'s friends have "turned her against" him. We talked about '
                    "the difference between explaining behaviour and excusing it."
                ),
                "presentation": (
                    'Better kempt than on 18 February. Mood "up and down". His GP has '
                    "prescribed medication and referred him for talking therapy. He denies "
                    "current thoughts of suicide; the wellbeing screen is lower than last "
                    "time."
                ),
                "risk_to_self": "low",
                "risk_indicators": ["minimisation", "victim_blaming"],
                "strengths": (
                    "When prompted, he could see that his explanations play down what "
                    "happened. Engaging with his GP and with talking therapy."
                ),
                "safeguarding": (
                    "No reported contact with the children. Łukasz said he has driven past "
                    'the house "once or twice" to see whether the lights were on. I advised '
                    "him this could frighten the family and goes against the spirit of the "
                    "Written Agreement. Shared with Rachel Ashdown."
                ),
                "next_session": "2025-03-20",
                "actions": [
                    _action(
                        "Tell the allocated social worker about Łukasz driving past the house",
                        "2025-03-11",
                    )
                ],
            },
        ),
        _record(
            "partner_support",
            "2025-04-02 11:00",
            "2025-04-02 13:00",
            location="home_visit",
            minutes=60,
            people=["p2", "p5"],
            status="final",
            tags=["support group"],
            fields={
                "partner": "p2",
                "contact_type": "visit",
                "feelings_stage": "anger",
                "feelings": (
                    'Aga was angry today, mostly with Łukasz ("he chose this and we are the '
                    'ones paying for it") and also with the way the search was carried out in '
                    "front of the neighbours. She feels guilty for being angry in front of the "
                    "children. Halina was present for the first half of the visit."
                ),
                "information_given": (
                    "Talked about anger as a common part of the process. Gave information on "
                    "talking to children about a parent's offending in an age-appropriate "
                    "way, and details of the Harbour partners' group (fortnightly, Thursday "
                    "evenings, Kestrel Road Family Centre)."
                ),
                "decisions": (
                    "Aga will start at the Harbour group on 17 April. She has asked for "
                    "letters to go to her mother's address for now."
                ),
                "understanding_of_risk": (
                    "Aga is beginning to talk about Łukasz's responsibility rather than "
                    'outside causes. She said, "I keep thinking about what I didn\'t see."'
                ),
                "protective_capacity": (
                    "Continues to follow the safety plan. Told Łukasz's brother clearly that "
                    "she will not discuss arrangements for the children with him."
                ),
                "wellbeing": (
                    "Taking the medication her GP prescribed; sleeping better. Halina is "
                    "staying three nights a week."
                ),
                "actions": [_action("Refer Aga to the Harbour partners' group", "2025-04-04")],
            },
        ),
        _record(
            "child_work",
            "2025-04-09 16:00",
            "2025-04-09 17:20",
            location="home_visit",
            minutes=40,
            people=["p4", "p2"],
            status="final",
            tags=["direct work", "play"],
            fields={
                "child": "p4",
                "activity": "play",
                "childs_words": [
                    "Dad is at Uncle Marek's house.",
                    "This dinosaur is the dad one. He's going on holiday.",
                ],
                "worries": (
                    'Kacper did not name any worries. In his play he moved the "dad" '
                    "dinosaur away and back again several times."
                ),
                "good_things": 'His Lego, his sister, his friends at school, "Mummy\'s pancakes".',
                "wishes": "Going to the seaside.",
                "understanding": (
                    "Kacper (6) understands that his dad lives somewhere else for now. He did "
                    "not ask why during the visit; Aga says he sometimes asks at bedtime."
                ),
                "disclosure": None,
                "observations": (
                    "Kacper played confidently with small-world toys and invited me to join "
                    "in. He went to his mother for reassurance twice and settled quickly. "
                    "Warm, relaxed interaction between Kacper and Aga. His speech and play "
                    "appear age-appropriate."
                ),
                "actions": [],
            },
        ),
        _record(
            "session",
            "2025-06-11 10:00",
            "2025-06-11 12:05",
            location="office",
            minutes=75,
            people=["p1"],
            status="final",
            tags=["good lives", "intervention"],
            fields={
                "session_type": "intervention",
                "purpose": "Good Lives session: mapping the things that matter most to Łukasz "
                "and how he meets them.",
                "narrative": (
                    "We used the Good Lives wheel. Łukasz named relatedness (his children, "
                    "his brother), being good at his work and inner peace as most important "
                    "to him. He recognised that in the year before his arrest he was "
                    "isolated, working nights and drinking most evenings, and that he was "
                    "looking for relief from stress in harmful ways. We began a list of safer "
                    "ways to meet these needs: football with his brother, going back to the "
                    "Polish community centre, and cutting down on alcohol."
                ),
                "presentation": (
                    "Brighter in mood and well presented. Sleeping about six hours; back at "
                    "work at a different site. Wellbeing screen: no thoughts of harming "
                    "himself."
                ),
                "risk_to_self": "none",
                "risk_indicators": [],
                "strengths": (
                    "Reflective today: he made the links between isolation, alcohol and his "
                    'behaviour himself. Motivated by wanting the children to "be proud of me '
                    'one day".'
                ),
                "safeguarding": (
                    "No concerns raised. Reminded him of the Written Agreement; he confirmed "
                    "there has been no contact."
                ),
                "next_session": "2025-06-25",
                "actions": [
                    _action(
                        "Łukasz to try the community centre football session and report back",
                        "2025-06-25",
                    )
                ],
            },
        ),
        _record(
            "partner_support",
            "2025-07-16 19:00",
            "2025-07-16 20:10",
            location="video",
            minutes=45,
            people=["p2"],
            status="final",
            tags=["supervised contact"],
            fields={
                "partner": "p2",
                "contact_type": "video",
                "feelings_stage": "bargaining",
                "feelings": (
                    "Aga asked whether, if Łukasz completes the programme, he could come home "
                    '"just for weekends" to start with. She thinks she could keep an eye on '
                    "him."
                ),
                "information_given": (
                    "Explained that any change to contact is a decision for Children's "
                    "Services, informed by the assessment, and would begin with supervised "
                    "contact if at all. Explained what supervised contact involves and that "
                    "supervisors have to be assessed and approved."
                ),
                "decisions": (
                    "Aga will not raise the idea of Dad coming home with the children. She "
                    "would like her mother to be assessed as a possible contact supervisor."
                ),
                "understanding_of_risk": (
                    "Her wish for the family to be together sometimes pulls her towards "
                    'underestimating risk. She was able to hear that "keeping an eye on him" '
                    "is not a safety plan on its own."
                ),
                "protective_capacity": (
                    "Asked questions rather than acting alone; open with professionals about "
                    "what she wants."
                ),
                "wellbeing": (
                    "Finding the summer holidays hard without more help. Has been to four "
                    "Harbour group sessions."
                ),
                "actions": [
                    _action(
                        "Ask Rachel Ashdown about assessing Halina Kowalczyk as a contact "
                        "supervisor",
                        "2025-07-25",
                    )
                ],
            },
        ),
        _record(
            "child_work",
            "2025-09-23 10:30",
            "2025-09-23 14:30",
            location="school",
            minutes=50,
            people=["p3"],
            status="final",
            tags=["disclosure", "breach", "wishes and feelings"],
            fields={
                "child": "p3",
                "activity": "wishes_feelings",
                "childs_words": [
                    "I saw Dad at the park on Saturday. He said he misses me.",
                    "He said don't tell Mum because she'll be cross with him.",
                    "I wasn't scared. I was sad when he went.",
                    "Will Dad be in trouble?",
                ],
                "worries": "That Dad will get into trouble; that Mum will be cross with her.",
                "good_things": "Starting Year 6 and being picked for the netball team.",
                "wishes": 'To see Dad "properly, not in secret".',
                "understanding": (
                    "Since May Zofia has been given the agreed explanation: Dad broke a "
                    "rule that keeps children safe and is getting help. She said, \"He's not "
                    'allowed to see me on his own."'
                ),
                "disclosure": {
                    "verbatim": (
                        "I saw Dad at the park on Saturday, by the swings. He came over and "
                        "gave me a hug and said he misses me. He said don't tell Mum because "
                        "she'll be cross with him."
                    ),
                    "at": _at("2025-09-23 10:52"),
                    "present": (
                        "Zofia and me only. Ms Lauren Fenwick (Designated Safeguarding Lead, "
                        "Larkspur Primary) joined at my request after Zofia had finished."
                    ),
                    "response": (
                        "I listened without asking leading questions and thanked Zofia for "
                        "telling me. I said it was right to tell, that it was not her fault, "
                        "and that I would need to tell Mum and Rachel so the grown-ups can "
                        "keep things safe. She asked if Dad would be in trouble; I said that "
                        "was for the grown-ups to sort out and she had done nothing wrong."
                    ),
                    "informed": [
                        {
                            "who": "Ms Lauren Fenwick, DSL, Larkspur Primary (in person)",
                            "at": _at("2025-09-23 10:58"),
                        },
                        {
                            "who": "Rachel Ashdown, allocated social worker (phone)",
                            "at": _at("2025-09-23 11:20"),
                        },
                        {
                            "who": "Agnieszka Nowak (phone, as agreed with Rachel)",
                            "at": _at("2025-09-23 12:05"),
                        },
                        {
                            "who": "PC Sunil Varma, police offender manager (phone and email)",
                            "at": _at("2025-09-23 12:40"),
                        },
                    ],
                },
                "observations": (
                    "Zofia seemed relieved once she had told me. After a short break with "
                    "Ms Fenwick she chose to go back to class for the afternoon."
                ),
                "actions": [
                    _action(
                        "Strategy discussion with Children's Services and police about the "
                        "contact in the park",
                        "2025-09-24",
                    ),
                    _action("Visit Aga to review the safety plan", "2025-09-26"),
                ],
            },
        ),
        _record(
            "session",
            "2025-09-26 14:00",
            "2025-09-26 16:30",
            location="office",
            minutes=60,
            people=["p1"],
            status="final",
            tags=["breach", "review"],
            fields={
                "session_type": "review",
                "purpose": "Review after Zofia's account of contact in the park on 20 September.",
                "narrative": (
                    "As agreed at the strategy discussion, I told Łukasz what Zofia had said. "
                    'He first said it was a coincidence and he was "just walking through". '
                    "He then accepted that he went to the park knowing Zofia often goes there "
                    "on Saturdays, and that he asked her not to tell her mother. He said he "
                    '"only wanted a hug". We talked about what asking a child to keep a '
                    "secret tells the child, and how it echoes the secrecy around the "
                    "offences. He became tearful and said he had not thought about it that "
                    "way."
                ),
                "presentation": (
                    'Anxious and tearful at times; afraid this will "ruin everything". '
                    "Wellbeing screen: some hopelessness, no intent or plan. Protective "
                    "factors: his brother, work and the programme."
                ),
                "risk_to_self": "low",
                "risk_indicators": ["breach", "manipulation", "access_to_children"],
                "strengths": (
                    "Gave an honest account in the end. Agreed a written plan not to go to "
                    "the park, the school or the family's street."
                ),
                "safeguarding": (
                    "Breach of the Written Agreement. The police offender manager has been "
                    "told and Children's Services are convening a core group. Asking a child "
                    "to keep contact secret is a significant concern in its own right."
                ),
                "next_session": "2025-10-03",
                "actions": [
                    _action(
                        "Łukasz to sign the updated written plan (places to avoid)", "2025-09-29"
                    ),
                    _action("Send a summary of this session to the core group", "2025-09-30"),
                ],
            },
        ),
        _record(
            "partner_support",
            "2026-01-14 10:00",
            "2026-01-14 11:40",
            location="office",
            minutes=60,
            people=["p2"],
            status="final",
            tags=["court", "safety plan"],
            fields={
                "partner": "p2",
                "contact_type": "office",
                "feelings_stage": "sadness",
                "feelings": (
                    'Aga described a "heavy" Christmas, the first without Łukasz. She said '
                    "she is grieving for the family she thought she had. Less anger now, more "
                    "sadness."
                ),
                "information_given": (
                    "What happens at the sentencing hearing on 3 February, and that she does "
                    "not have to attend. Support available from the Harbour group around the "
                    "hearing."
                ),
                "decisions": (
                    "Aga will not attend the hearing; Halina will go with her to the group "
                    "that evening. She has started to think about whether the relationship "
                    "will continue."
                ),
                "understanding_of_risk": (
                    "Aga spoke clearly about the park incident as Łukasz putting his own "
                    "needs before Zofia's: \"He made her keep a secret. That's what I can't "
                    'get past."'
                ),
                "protective_capacity": (
                    "Good. She explained the new rules to Zofia and Kacper calmly and in "
                    "words they understand, and school reports both children are settled."
                ),
                "safety_plan": (
                    "Updated after the park incident: Aga and the school know Łukasz's car; "
                    "Zofia knows she can tell Mum, Babcia or Ms Fenwick if Dad approaches her "
                    "and that she will not be in trouble."
                ),
                "wellbeing": (
                    "Low but coping. Back at work part time and reducing her medication with "
                    "her GP's support."
                ),
                "actions": [],
            },
        ),
        _record(
            "partner_support",
            "2026-05-20 11:00",
            "2026-05-20 12:30",
            location="home_visit",
            minutes=50,
            people=["p2", "p5"],
            status="final",
            tags=["safety plan", "supervised contact"],
            fields={
                "partner": "p2",
                "contact_type": "visit",
                "feelings_stage": "acceptance",
                "feelings": (
                    'Aga said she has "stopped waiting for things to go back". She '
                    "described accepting that the relationship is over, and some relief."
                ),
                "information_given": (
                    "Explained the community order and its programme requirement in plain "
                    "terms; that contact remains a decision for Children's Services; and what "
                    "a family court application could involve. Suggested independent legal "
                    "advice."
                ),
                "decisions": (
                    "Aga has told Łukasz she is separating from him. She supports supervised "
                    "contact at Kestrel Road Family Centre if the assessment recommends it, "
                    "with Halina as one of the supervisors."
                ),
                "understanding_of_risk": (
                    "Aga describes the risk in her own words, including the warning signs she "
                    "now knows (secrecy, drinking, isolation) and what she would do about "
                    "them."
                ),
                "protective_capacity": (
                    "Strong. Consistently protective for over a year, honest with "
                    "professionals and attuned to the children."
                ),
                "safety_plan": (
                    "Family safety plan reviewed with Aga and Halina and signed by both. "
                    "Copies held by the school and by Rachel Ashdown."
                ),
                "wellbeing": (
                    "Much improved: sleeping well, back at work full time, still going to the "
                    "Harbour group once a month."
                ),
                "actions": [
                    _action("Share the signed family safety plan with the core group", "2026-05-29")
                ],
            },
        ),
        _record(
            "session",
            "2026-11-12 14:00",
            "2026-11-12 15:20",
            location="office",
            minutes=60,
            people=["p1"],
            status="draft",
            tags=["review", "supervised contact"],
            fields={
                "session_type": "review",
                "purpose": "Review ahead of the contact risk assessment for Children's Services.",
                "narrative": (
                    "Łukasz has attended every programme session since January. He spoke "
                    "about the separation with sadness but without blaming Aga. Still to "
                    "write up: his account of the plan for supervised contact."
                ),
                "presentation": "Settled and well presented; wellbeing screen clear.",
                "risk_to_self": "none",
                "risk_indicators": ["minimisation"],
                "strengths": "Consistent attendance; honest about the park incident.",
                "next_session": "2026-11-26",
                "actions": [
                    _action("Confirm programme attendance with probation", "2026-10-30"),
                    _action(
                        "Complete the contact risk assessment for Children's Services",
                        "2026-12-04",
                    ),
                ],
            },
        ),
    ]
    return _case(
        "C-2041",
        "Nowak household",
        opened="2025-02-10",
        closed=None,
        people=people,
        records=records,
    )


# --------------------------------------------------------------------------- case 2


def _tran_case() -> JSONDict:
    """A Vietnamese family: Dũng is remanded and later sentenced; Lan works through an
    interpreter; Bảo Anh has taken on caring responsibilities."""
    people = [
        _person(
            "p1",
            "Trần Văn Dũng",
            "subject",
            preferred_name="Dũng",
            born="1981-12-03",
            gp="Healthcare team, HMP Castlemoor (Dr Ian Rudd), 01632 960587",
        ),
        _person("p2", "Nguyễn Thị Lan", "partner", preferred_name="Lan", born="1987-07-15"),
        _person("p3", "Trần Bảo Anh", "child", preferred_name="Bảo Anh", born="2013-10-09"),
        _person("p4", "Trần Gia Huy", "child", preferred_name="Huy", born="2021-03-14"),
        _person("p5", "Nguyễn Văn Hải", "family", preferred_name="Hải", born="1984-05-01"),
        _person("p6", "Đặng Thu Mai", "professional", preferred_name="Mai"),
    ]
    records = [
        _record(
            "session",
            "2025-06-10 09:30",
            "2025-06-10 13:40",
            location="prison",
            minutes=90,
            people=["p1"],
            status="final",
            tags=["prison", "risk to self", "remand"],
            fields={
                "session_type": "assessment",
                "purpose": "Initial assessment visit at HMP Castlemoor following remand.",
                "narrative": (
                    "Legal visits room, HMP Castlemoor. Dũng speaks fluent English and "
                    "declined an interpreter. He said repeatedly that he is innocent and that "
                    '"this is a misunderstanding my lawyer will fix". He talked mainly '
                    "about his fear for the restaurant and about Lan managing alone, and "
                    "asked me several times to tell Lan to visit him."
                ),
                "presentation": (
                    "Dishevelled, visibly anxious and restless throughout. He told me he "
                    '"cannot live like this" and that he has been saving his medication. He '
                    "would not say what he intended. Not sleeping and not eating."
                ),
                "risk_to_self": "high",
                "risk_indicators": ["denial"],
                "strengths": (
                    "Spoke openly about his distress when asked. Strong attachment to his "
                    "children. No previous history of self-harm."
                ),
                "safeguarding": (
                    "High risk to self. Before leaving I told the wing officer and the Safer "
                    "Custody team, who opened case management for prisoners at risk the "
                    "same afternoon; healthcare were told about the saved medication. "
                    "Informed my manager by phone at 12:10."
                ),
                "next_session": "2025-06-17",
                "actions": [
                    _action("Call Safer Custody to confirm the outcome of the review", "2025-06-11")
                ],
            },
        ),
        _record(
            "partner_support",
            "2025-06-12 13:00",
            "2025-06-12 16:00",
            location="home_visit",
            minutes=90,
            people=["p2", "p6"],
            status="final",
            tags=["initial visit", "interpreter"],
            fields={
                "partner": "p2",
                "contact_type": "visit",
                "feelings_stage": "shock",
                "feelings": (
                    'Through the interpreter, Lan said it feels "as if the floor has gone". '
                    "She spoke quietly with her hands pressed together. She has told no one "
                    "in her community."
                ),
                "information_given": (
                    "With Mai Đặng interpreting: my role; what remand means; where Dũng is "
                    "held and how prison visits are arranged. Written information in "
                    "Vietnamese about Children's Services' involvement. Told her in general "
                    "terms that the prison is supporting Dũng's wellbeing."
                ),
                "decisions": (
                    "Lan does not want to visit the prison at present. She agreed that the "
                    "children will not visit or speak to Dũng while the assessment takes "
                    "place."
                ),
                "understanding_of_risk": (
                    "Too early to assess. Lan says she does not understand what Dũng is "
                    "accused of and does not want to know yet."
                ),
                "protective_capacity": (
                    "Lan has kept the children's routines going: school, nursery, meals. Her "
                    "brother Hải is helping at the restaurant."
                ),
                "safety_plan": (
                    "No contact between the children and Dũng, including calls and letters, "
                    "until reviewed. Lan will tell me if Dũng or his family ask for contact."
                ),
                "wellbeing": (
                    "Very tired; working long hours to keep the restaurant open. No thoughts "
                    "of self-harm. Registered with a GP."
                ),
                "actions": [
                    _action("Book Mai Đặng to interpret at all visits to Lan", "2025-06-13")
                ],
            },
        ),
        _record(
            "child_work",
            "2025-06-25 15:45",
            "2025-06-25 18:00",
            location="home_visit",
            minutes=45,
            people=["p3"],
            status="final",
            tags=["words and pictures", "young carer"],
            fields={
                "child": "p3",
                "activity": "words_pictures",
                "childs_words": [
                    "Bố is in a place for people who broke the law. Mum told me.",
                    "I have to help Mum with Huy now.",
                    "I don't want people at school to know.",
                ],
                "worries": (
                    "Looking after her little brother; people at school finding out; her "
                    "mother working too hard."
                ),
                "good_things": "Art club, her best friend Nhung, helping at the restaurant at "
                "weekends.",
                "wishes": "For Mum to have more time; a trip to the seaside in the summer.",
                "understanding": (
                    "Using a words-and-pictures explanation prepared with Lan, Bảo Anh was "
                    "told that her dad broke a very important rule that keeps children safe "
                    "and that the grown-ups are making sure everyone is safe. She said she "
                    "understood and did not want to ask anything else today."
                ),
                "disclosure": None,
                "observations": (
                    "Bảo Anh (11) was polite and mature and took a caring role towards her "
                    "mother. I am concerned she is taking on adult responsibilities; "
                    "discussed with Lan afterwards (Mai interpreting by phone)."
                ),
                "actions": [_action("Refer Bảo Anh to the young carers' service", "2025-07-04")],
            },
        ),
        _record(
            "session",
            "2025-07-08 09:30",
            "2025-07-08 12:15",
            location="prison",
            minutes=60,
            people=["p1"],
            status="final",
            tags=["prison"],
            fields={
                "session_type": "intervention",
                "purpose": "Motivational work and clarifying the boundaries of my role.",
                "narrative": (
                    "Dũng continues to deny the offences and described the person who "
                    'reported them as "a liar who wants money". When I declined to take a '
                    'letter to Lan he said I was "destroying his family", and later in the '
                    'session that I am "the only one who understands". I named this shift '
                    "and explained my role again. He asked whether I could tell the court he "
                    "is a good father; I explained what a report would and would not contain."
                ),
                "presentation": (
                    "Calmer. The prison closed its at-risk case management on 1 July after "
                    "review. Eating and sleeping better and using the gym. Denies thoughts "
                    "of suicide."
                ),
                "risk_to_self": "low",
                "risk_indicators": ["denial", "victim_blaming", "manipulation"],
                "strengths": (
                    "Working in the prison kitchen and keeping a routine. Speaks lovingly of "
                    "his children."
                ),
                "safeguarding": (
                    "Attempt to pass a letter to Lan through me: refused and recorded. "
                    "Shared with Children's Services and the prison's offender management "
                    "unit."
                ),
                "next_session": "2025-08-05",
                "actions": [
                    _action(
                        "Tell the prison offender management unit about the letter",
                        "2025-07-09",
                    )
                ],
            },
        ),
        _record(
            "child_work",
            "2025-07-15 10:00",
            "2025-07-15 11:10",
            location="other",
            minutes=30,
            people=["p4", "p2"],
            status="final",
            tags=["drawing", "nursery"],
            fields={
                "child": "p4",
                "activity": "drawing",
                "childs_words": [
                    "This is our house and this is the big car.",
                    "Daddy is working.",
                ],
                "worries": "None expressed. Huy talked mainly about cars and his friends.",
                "good_things": "Cars, his sister, the slide at nursery.",
                "wishes": "A red car for his birthday.",
                "understanding": (
                    "Huy believes his dad is working away. Lan plans to give him a simple, "
                    "honest explanation with support in September."
                ),
                "disclosure": None,
                "observations": (
                    "Seen at Sunflower Nursery with Lan. Huy drew his house, his mum, his "
                    "sister and a large car; he did not include his father. I have not drawn "
                    "conclusions from this; noted only. Easy, warm relationship with his key "
                    "worker."
                ),
                "actions": [],
            },
        ),
        _record(
            "partner_support",
            "2025-09-03 21:40",
            "2025-09-05 10:15",
            location="other",
            minutes=10,
            people=["p2"],
            status="final",
            tags=["family pressure", "interpreter"],
            fields={
                "partner": "p2",
                "contact_type": "message",
                "feelings_stage": "disbelief",
                "feelings": (
                    "Late entry: Lan's message was in Vietnamese and was translated by Mai "
                    "Đặng on 4 September. Lan wrote that Dũng's family are telling her the "
                    "allegations are lies and that she should stand by him in court. She "
                    'wrote, "Maybe they are right and I am wrong."'
                ),
                "information_given": (
                    "Replied (through the interpreter) with the date of our next visit and "
                    "the out-of-hours number, and said we would talk about the family's "
                    "messages in person."
                ),
                "understanding_of_risk": (
                    "Lan is under pressure from Dũng's family to disbelieve the allegations."
                ),
                "wellbeing": 'Lan wrote that she is "tired of everyone".',
                "actions": [
                    _action(
                        "Visit Lan with the interpreter to talk about family pressure", "2025-09-10"
                    )
                ],
            },
        ),
        _record(
            "partner_support",
            "2025-09-10 13:00",
            "2025-09-10 16:20",
            location="home_visit",
            minutes=75,
            people=["p2", "p6", "p5"],
            status="final",
            tags=["family pressure", "interpreter"],
            fields={
                "partner": "p2",
                "contact_type": "visit",
                "feelings_stage": "anger",
                "feelings": (
                    'Lan was angry with Dũng\'s family for "pulling me in half" and, for the '
                    "first time, angry with Dũng himself. Hải was present at Lan's request."
                ),
                "information_given": (
                    "How the trial is likely to run; that she may be asked to give evidence "
                    "and that support is available if so; that she can ask the family to stop "
                    "contacting her."
                ),
                "decisions": (
                    "Lan has asked Dũng's family not to come to the restaurant. She will "
                    "attend the trial only if called as a witness."
                ),
                "understanding_of_risk": (
                    "Beginning to separate her loyalty to the family from what the children need."
                ),
                "protective_capacity": "Set clear limits with Dũng's family despite pressure.",
                "safety_plan": (
                    "Updated: Lan will not accept calls from HMP Castlemoor for now; Hải will "
                    "collect Huy from nursery on Tuesdays and Thursdays."
                ),
                "wellbeing": "Angry but energised; sleeping better since the restaurant reopened "
                "at lunchtimes only.",
                "actions": [],
            },
        ),
        _record(
            "session",
            "2026-02-17 09:30",
            "2026-02-17 14:00",
            location="prison",
            minutes=120,
            people=["p1"],
            status="final",
            tags=["risk assessment", "sentenced"],
            fields={
                "session_type": "risk_assessment",
                "purpose": "Risk assessment following sentence: attitudes and release planning.",
                "narrative": (
                    'First session since sentence on 23 January. Dũng now says he "made '
                    'mistakes" but not "what they said". We discussed release in general '
                    "terms: earliest release is some years away. He spoke of living with his "
                    "brother on release, whose household includes three children. I "
                    "explained that any release address will be assessed and that a household "
                    "with children is unlikely to be approved."
                ),
                "presentation": (
                    "Subdued after sentence but settled. Some low mood; sees the prison "
                    "chaplaincy weekly. No thoughts of self-harm."
                ),
                "risk_to_self": "low",
                "risk_indicators": ["denial", "access_to_children"],
                "strengths": (
                    "Beginning to move away from complete denial. Has become a reading "
                    "mentor for other prisoners."
                ),
                "safeguarding": (
                    "Proposed release address includes children: flagged to the prison "
                    "offender manager for future planning."
                ),
                "next_session": "2026-04-14",
                "actions": [
                    _action(
                        "Write to the prison offender manager about the proposed release address",
                        "2026-02-27",
                    )
                ],
            },
        ),
        _record(
            "child_work",
            "2026-03-18 16:00",
            "2026-03-18 17:30",
            location="home_visit",
            minutes=50,
            people=["p3"],
            status="final",
            tags=["wishes and feelings", "young carer"],
            fields={
                "child": "p3",
                "activity": "wishes_feelings",
                "childs_words": [
                    "I'm not the one looking after Huy all the time any more. Uncle Hải helps.",
                    "Young carers is fun. We went bowling.",
                    "It's not my fault and it's not Mum's fault.",
                ],
                "worries": "Tests at her new secondary school; whether Bố is lonely.",
                "good_things": "The young carers' group, art club, more time with friends.",
                "wishes": 'To be a designer; for Mum to open a second restaurant "but not work '
                'so hard".',
                "understanding": (
                    "Bảo Anh knows her father is in prison because of the offences, that he "
                    "will be there a long time, and that it was not her or her mother's "
                    "fault."
                ),
                "disclosure": None,
                "observations": "More relaxed than in June; laughed often and talked about the "
                "future.",
                "actions": [],
            },
        ),
        _record(
            "partner_support",
            "2026-10-28 18:00",
            "2026-10-28 19:00",
            location="video",
            minutes=45,
            people=["p2", "p6"],
            status="draft",
            tags=["indirect contact", "interpreter"],
            fields={
                "partner": "p2",
                "contact_type": "video",
                "feelings_stage": "other",
                "feelings": (
                    'Lan described feeling "in between": settled most days, overwhelmed '
                    "around anniversaries and at Tết."
                ),
                "information_given": (
                    "How requests for letters from prison to the children (indirect contact) "
                    "are considered, and that Children's Services decide first."
                ),
                "decisions": "Lan wants time to think about whether the children should get "
                "letters.",
                "actions": [
                    _action(
                        "Discuss the indirect contact request with Children's Services",
                        "2026-11-06",
                    )
                ],
            },
        ),
        _record(
            "session",
            "2026-11-18 09:30",
            "2026-11-18 12:00",
            location="prison",
            minutes=60,
            people=["p1"],
            status="draft",
            tags=["prison", "indirect contact"],
            fields={
                "session_type": "review",
                "purpose": "Review; Dũng's request to write to the children.",
                "narrative": "To complete.",
                "risk_to_self": "low",
                "risk_indicators": [],
                "next_session": "2026-12-16",
                "actions": [],
            },
        ),
    ]
    return _case(
        "C-2057",
        "Trần household",
        opened="2025-06-02",
        closed=None,
        people=people,
        records=records,
    )


# --------------------------------------------------------------------------- case 3


def _haddad_case() -> JSONDict:
    """An Arabic- and Russian-speaking household: Mohammed is under investigation and lives
    apart; Olya's mother helps with the children."""
    people = [
        _person(
            "p1",
            "محمد حداد",
            "subject",
            preferred_name="Mohammed",
            born="1984-02-28",
            gp="Dr Sarah Lindqvist, Castlemoor Health Centre, 01632 960731",
        ),
        _person("p2", "Ольга Петрова", "partner", preferred_name="Olya", born="1989-09-12"),
        _person("p3", "Даниил Петров", "child", preferred_name="Danya", born="2012-01-17"),
        _person("p4", "Amira Haddad", "child", born="2018-06-05"),
        _person("p5", "Людмила Петрова", "family", preferred_name="Lyuda", born="1960-03-22"),
        _person("p6", "DC Fiona Marrack", "professional"),
    ]
    records = [
        _record(
            "partner_support",
            "2025-10-08 10:30",
            "2025-10-08 13:00",
            location="home_visit",
            minutes=70,
            people=["p2", "p5"],
            status="final",
            tags=["initial visit", "bail conditions"],
            fields={
                "partner": "p2",
                "contact_type": "visit",
                "feelings_stage": "disbelief",
                "feelings": (
                    'Olya repeated several times, "It can\'t be him." She said Mohammed is '
                    "the person who does bedtime and that Amira adores him. Her mother, "
                    "Lyuda, sat with her and translated a few words into Russian."
                ),
                "information_given": (
                    "My role; what being released on bail means; Mohammed's bail conditions "
                    "(no unsupervised contact with anyone under 18, living at a friend's "
                    "address); how to contact DC Marrack, the officer in the case."
                ),
                "decisions": (
                    "Olya will keep to the bail conditions and will not supervise contact "
                    "herself until Children's Services have spoken to her."
                ),
                "understanding_of_risk": (
                    "Olya cannot yet accept that there is a risk. She is following the "
                    'conditions because "the police said so".'
                ),
                "protective_capacity": (
                    "Following the bail conditions; open with me about her doubts, which helps."
                ),
                "safety_plan": (
                    "Interim: Mohammed does not come to the house; any contact with Amira "
                    "only as agreed by Children's Services; Lyuda will stay on weekdays."
                ),
                "wellbeing": "Shaky, not eating. Agreed to see her GP.",
                "actions": [
                    _action("Send Olya written information in Russian and English", "2025-10-10")
                ],
            },
        ),
        _record(
            "session",
            "2025-10-14 13:00",
            "2025-10-14 15:30",
            location="office",
            minutes=90,
            people=["p1"],
            status="final",
            tags=["assessment", "bail conditions"],
            fields={
                "session_type": "assessment",
                "purpose": "First assessment session; consent, confidentiality, wellbeing screen.",
                "narrative": (
                    "Mohammed prefers to work in English; an Arabic interpreter was offered "
                    'and declined. He said the allegations are "a misunderstanding that '
                    'got out of control" and that he has "nothing to hide". He agreed to '
                    "the assessment and asked for written information to read at home. He "
                    "talked warmly about Amira and about his stepson Danya, who he says "
                    '"is angry with the world".'
                ),
                "presentation": (
                    "Well presented, articulate, guarded when the conversation moved to the "
                    "concerns. Some low mood and poor sleep; no thoughts of self-harm."
                ),
                "risk_to_self": "low",
                "risk_indicators": ["denial", "minimisation"],
                "strengths": (
                    "Employed as an electrician; volunteers at a community football club "
                    "(he has told them he is stepping back). Keeps appointments."
                ),
                "safeguarding": (
                    "He has stepped back from the football club as his bail conditions "
                    "require; I will confirm this with DC Marrack."
                ),
                "next_session": "2025-10-28",
                "actions": [
                    _action(
                        "Confirm with DC Marrack that Mohammed has left the club role", "2025-10-17"
                    )
                ],
            },
        ),
        _record(
            "child_work",
            "2025-10-21 15:30",
            "2025-10-21 17:45",
            location="school",
            minutes=40,
            people=["p3"],
            status="final",
            tags=["direct work", "walk and talk"],
            fields={
                "child": "p3",
                "activity": "other",
                "childs_words": [
                    "He's not my real dad anyway.",
                    "I just want Mum to be OK.",
                    "Amira keeps asking where he is and I don't know what to say.",
                ],
                "worries": "His mum; his sister's questions; other students finding out.",
                "good_things": "Gaming with his friends, his grandmother, cycling.",
                "wishes": '"For everyone to stop asking me how I feel."',
                "understanding": (
                    "Danya (13) knows that Mohammed is not allowed to live at home while the "
                    "police look into something. He did not want to talk about what that "
                    "might be, and I did not press."
                ),
                "disclosure": None,
                "observations": (
                    "We walked around the St Aldric's Academy playing field, which Danya "
                    "chose over sitting in a room. Guarded at first, more open as we walked. "
                    "He is protective of his mother and sister."
                ),
                "actions": [
                    _action("Ask the school about a trusted adult for Danya", "2025-11-04")
                ],
            },
        ),
        _record(
            "child_work",
            "2025-11-04 16:00",
            "2025-11-04 17:30",
            location="home_visit",
            minutes=45,
            people=["p4", "p5"],
            status="final",
            tags=["three houses"],
            fields={
                "child": "p4",
                "activity": "three_houses",
                "childs_words": [
                    "Baba lives at his friend's house now.",
                    "My good house has Nana Lyuda and my cat Pirozhok.",
                    "I wish Baba could read me my story.",
                ],
                "worries": "That Baba is lonely; that her mum is sad.",
                "good_things": "Her grandmother, her cat, dancing at school.",
                "wishes": "For Baba to read her bedtime story.",
                "understanding": (
                    "Amira (7) knows Baba lives somewhere else for now and that grown-ups "
                    "are sorting something out. She has not been told more."
                ),
                "disclosure": None,
                "observations": (
                    "Amira was chatty and drew confidently. Lyuda was present and gentle with "
                    "her. No concerns about Amira's presentation."
                ),
                "actions": [],
            },
        ),
        _record(
            "partner_support",
            "2025-11-12 19:30",
            "2025-11-12 20:15",
            location="phone",
            minutes=30,
            people=["p2"],
            status="final",
            tags=["bail conditions"],
            fields={
                "partner": "p2",
                "contact_type": "phone",
                "feelings_stage": "anger",
                "feelings": (
                    "Olya was angry that DC Marrack had told her the investigation could "
                    'take a year. She said, "We are all on hold and he is the one who did '
                    'this," the first time she has spoken as if the concerns could be true.'
                ),
                "information_given": "Why investigations take time; where to find support "
                "while waiting.",
                "protective_capacity": "Holding firm on the bail conditions.",
                "wellbeing": "Sleeping badly. GP has offered counselling; she is on the waiting "
                "list.",
                "actions": [],
            },
        ),
        _record(
            "session",
            "2025-12-02 10:00",
            "2025-12-02 11:30",
            location="video",
            minutes=60,
            people=["p1"],
            status="final",
            tags=["intervention"],
            fields={
                "session_type": "intervention",
                "purpose": "Relationships and responsibility (video session at Mohammed's "
                "request: he was unwell).",
                "narrative": (
                    'Mohammed said that Olya\'s mother "has poisoned" Olya against him and '
                    'asked me to "just tell Olya I have changed". I explained that I will '
                    "not carry messages and that what I share with Children's Services is "
                    "based on the work we do. He apologised and we moved on to his "
                    "relationships and what he values in them."
                ),
                "presentation": "Unwell with a cold but engaged. No thoughts of self-harm.",
                "risk_to_self": "none",
                "risk_indicators": ["victim_blaming", "manipulation"],
                "strengths": "Able to accept a boundary and carry on working.",
                "safeguarding": "Request to pass messages: declined and recorded.",
                "next_session": "2025-12-16",
                "actions": [],
            },
        ),
        _record(
            "partner_support",
            "2026-01-21 11:00",
            "2026-01-21 12:40",
            location="office",
            minutes=60,
            people=["p2"],
            status="final",
            tags=["supervised contact"],
            fields={
                "partner": "p2",
                "contact_type": "office",
                "feelings_stage": "bargaining",
                "feelings": (
                    'Olya asked, "If he admits it and does the course, can we be a family '
                    'again?" She said she would do "anything" to make that happen.'
                ),
                "information_given": (
                    "What the assessment looks at, what a programme can and cannot achieve, "
                    "and how Children's Services would approach any change in contact."
                ),
                "decisions": "Olya wants to be part of a supervised contact plan for Amira.",
                "understanding_of_risk": (
                    "Moving, but her hope for reunification is strong and she tends to see "
                    "an admission as the end of the risk rather than the start of the work."
                ),
                "protective_capacity": "Honest about her hopes; keeps to the plan.",
                "actions": [
                    _action(
                        "Ask Children's Services whether Olya can attend a supervisors' session",
                        "2026-02-06",
                    )
                ],
            },
        ),
        _record(
            "session",
            "2026-03-10 13:00",
            "2026-03-12 09:30",
            location="office",
            minutes=75,
            people=["p1"],
            status="final",
            tags=["review", "court"],
            fields={
                "session_type": "review",
                "purpose": "Review following the charging decision.",
                "narrative": (
                    "Late entry: written two days after the session because of sickness "
                    "absence on 11 March. Mohammed has been charged and has a first court "
                    "date in April. He said he will plead not guilty. We reviewed what that "
                    "means for the work we can do together before the trial."
                ),
                "presentation": (
                    "Shocked by the decision, pale and quiet. Screened for risk to self: "
                    "some hopelessness, no plan, protective factors of his daughter and his "
                    "faith. Agreed a crisis plan."
                ),
                "risk_to_self": "low",
                "risk_indicators": ["denial"],
                "strengths": "Accepted a crisis plan and shared it with his GP.",
                "safeguarding": "Bail conditions continue unchanged.",
                "next_session": "2026-03-24",
                "actions": [
                    _action(
                        "Send Mohammed's crisis plan to Dr Lindqvist (with consent)", "2026-03-13"
                    )
                ],
            },
        ),
        _record(
            "partner_support",
            "2026-06-17 10:00",
            "2026-06-17 11:30",
            location="home_visit",
            minutes=60,
            people=["p2"],
            status="final",
            tags=["court", "safety plan"],
            fields={
                "partner": "p2",
                "contact_type": "visit",
                "feelings_stage": "sadness",
                "feelings": (
                    'Olya was quiet and sad. She said she has "stopped arguing with it" and '
                    "misses the life they had."
                ),
                "information_given": "The trial date (January 2027) and support for witnesses.",
                "decisions": "Olya has decided Amira will not attend any court-related "
                "appointments.",
                "understanding_of_risk": (
                    "Olya now talks about the risk without qualifying it, and about Danya's "
                    "and Amira's needs first."
                ),
                "protective_capacity": "Good and consistent over eight months.",
                "safety_plan": (
                    "Reviewed with Olya and Lyuda. Danya has a trusted adult at school; "
                    "Amira's school knows who may collect her."
                ),
                "wellbeing": "Attending counselling; low but coping.",
                "actions": [
                    _action("Share the updated safety plan with Amira's school", "2026-06-26")
                ],
            },
        ),
        _record(
            "child_work",
            "2026-10-06 15:45",
            "2026-10-06 17:15",
            location="home_visit",
            minutes=40,
            people=["p4"],
            status="draft",
            tags=["play"],
            fields={
                "child": "p4",
                "activity": "play",
                "childs_words": ["Can Baba come to my birthday?"],
                "worries": "Whether Baba will come to her birthday.",
                "good_things": "Her new class, dancing, Pirozhok the cat.",
                "observations": "Played a long family game with the dolls' house. To finish "
                "writing up.",
                "actions": [
                    _action(
                        "Agree with Olya how to answer Amira's question about her birthday",
                        "2026-10-20",
                    )
                ],
            },
        ),
    ]
    return _case(
        "C-2063",
        "Haddad household",
        opened="2025-10-06",
        closed=None,
        people=people,
        records=records,
    )


# --------------------------------------------------------------------------- case 4


def _whitmore_case() -> JSONDict:
    """A closed case: the work ended with Daniel living apart and a settled safety plan."""
    people = [
        _person(
            "p1",
            "Daniel Whitmore",
            "subject",
            born="1979-10-30",
            gp="Dr Kwame Mensah, Ashby Fold Practice, 01632 960402",
        ),
        _person("p2", "Ελένη Παπαδοπούλου", "partner", preferred_name="Eleni", born="1983-04-18"),
        _person("p3", "Nikos Whitmore", "child", born="2014-07-09"),
        _person("p4", "Chloe Whitmore", "child", born="2017-12-01"),
        _person("p5", "Siobhán Whitmore", "family", born="1976-05-05"),
        _person("p6", "Imogen Tasker", "professional"),
    ]
    records = [
        _record(
            "session",
            "2025-01-14 10:00",
            "2025-01-14 12:30",
            location="office",
            minutes=90,
            people=["p1"],
            status="final",
            tags=["assessment"],
            fields={
                "session_type": "assessment",
                "purpose": "First assessment session following the referral.",
                "narrative": (
                    'Daniel was polite and talkative. He described the concerns as "blown '
                    'out of proportion" and said his sister, Siobhán, agrees with him. He '
                    "has moved into Siobhán's flat in Ashby Fold."
                ),
                "presentation": "Composed, slightly defensive. Sleeping poorly; no thoughts of "
                "self-harm.",
                "risk_to_self": "low",
                "risk_indicators": ["denial", "minimisation"],
                "strengths": "Steady work history; keeps appointments; supportive sister.",
                "safeguarding": "No contact with the children except as agreed by Children's "
                "Services.",
                "next_session": "2025-01-28",
                "actions": [],
            },
        ),
        _record(
            "partner_support",
            "2025-01-16 13:30",
            "2025-01-16 15:00",
            location="home_visit",
            minutes=60,
            people=["p2"],
            status="final",
            tags=["initial visit"],
            fields={
                "partner": "p2",
                "contact_type": "visit",
                "feelings_stage": "shock",
                "feelings": "Eleni said she feels \"like I'm watching someone else's life\".",
                "information_given": "My role; the assessment; Children's Services' plan.",
                "decisions": "Eleni asked Daniel to leave and he has done so.",
                "understanding_of_risk": "Early days; she is following the plan.",
                "protective_capacity": "Acted quickly and decisively.",
                "safety_plan": "No unsupervised contact; Eleni will tell me of any approach.",
                "wellbeing": "Shocked, coping with help from her father.",
                "actions": [],
            },
        ),
        _record(
            "child_work",
            "2025-02-04 11:00",
            "2025-02-04 13:00",
            location="school",
            minutes=45,
            people=["p3", "p6"],
            status="final",
            tags=["three houses", "CAMHS"],
            fields={
                "child": "p3",
                "activity": "three_houses",
                "childs_words": [
                    "My worry house is Mum being tired all the time.",
                    "Good things: football, Pappou's garden, my Xbox.",
                    "I know why Dad left. I don't want to talk about it.",
                ],
                "worries": "His mum; falling behind at school.",
                "good_things": "Football, his grandfather's garden, gaming.",
                "wishes": "To be left alone about it; to play for the county team.",
                "understanding": "Nikos (10) has been told the agreed explanation and does not "
                "want to discuss it.",
                "disclosure": None,
                "observations": (
                    "Imogen Tasker (CAMHS) joined, as Nikos is on her waiting list. He was "
                    "quiet but engaged with the drawing."
                ),
                "actions": [],
            },
        ),
        _record(
            "partner_support",
            "2025-03-11 19:00",
            "2025-03-11 19:40",
            location="phone",
            minutes=30,
            people=["p2"],
            status="final",
            tags=[],
            fields={
                "partner": "p2",
                "contact_type": "phone",
                "feelings_stage": "anger",
                "feelings": 'Angry with Daniel and with Siobhán for "taking his side".',
                "information_given": "Support groups for partners; how to ask for a review of "
                "contact.",
                "wellbeing": "Angry, tired, but working and eating.",
                "actions": [],
            },
        ),
        _record(
            "session",
            "2025-05-06 10:00",
            "2025-05-06 11:45",
            location="office",
            minutes=75,
            people=["p1"],
            status="final",
            tags=["good lives", "intervention"],
            fields={
                "session_type": "intervention",
                "purpose": "Good Lives planning and triggers.",
                "narrative": (
                    "Daniel mapped his week and identified long evenings alone as a risk "
                    "period. He has joined a walking group and a night class in carpentry."
                ),
                "presentation": "Relaxed and open; wellbeing screen clear.",
                "risk_to_self": "none",
                "risk_indicators": [],
                "strengths": "Taking practical steps without prompting.",
                "safeguarding": "No concerns.",
                "next_session": "2025-05-20",
                "actions": [],
            },
        ),
        _record(
            "child_work",
            "2025-05-14 15:30",
            "2025-05-14 16:45",
            location="home_visit",
            minutes=30,
            people=["p4", "p2"],
            status="final",
            tags=["play"],
            fields={
                "child": "p4",
                "activity": "play",
                "childs_words": ["Daddy lives with Auntie Siobhán.", "I like my new bunk bed."],
                "worries": "None expressed.",
                "good_things": "Her bunk bed, her mum, her friend Ava.",
                "wishes": "A puppy.",
                "understanding": "Chloe (7) knows Daddy lives with Auntie Siobhán.",
                "disclosure": None,
                "observations": "Playful, confident, close to her mother.",
                "actions": [],
            },
        ),
        _record(
            "session",
            "2025-09-16 10:00",
            "2025-09-16 15:00",
            location="office",
            minutes=120,
            people=["p1"],
            status="final",
            tags=["risk assessment"],
            fields={
                "session_type": "risk_assessment",
                "purpose": "Concluding risk assessment for Children's Services.",
                "narrative": (
                    "Daniel now accepts responsibility for the concerns without blaming "
                    "others, and can describe his warning signs and his plan. The "
                    "assessment recommends that he continues to live apart and that contact "
                    "stays supervised."
                ),
                "presentation": "Calm, reflective.",
                "risk_to_self": "none",
                "risk_indicators": [],
                "strengths": "Completed the programme; stable routine and support.",
                "safeguarding": "Recommendations shared with Children's Services.",
                "next_session": "2026-03-24",
                "actions": [
                    _action("Send the risk assessment report to Children's Services", "2025-09-26")
                ],
            },
        ),
        _record(
            "partner_support",
            "2025-11-20 10:00",
            "2025-11-20 11:30",
            location="home_visit",
            minutes=60,
            people=["p2", "p3", "p4"],
            status="final",
            tags=["safety plan"],
            fields={
                "partner": "p2",
                "contact_type": "visit",
                "feelings_stage": "acceptance",
                "feelings": 'Eleni said she has "made peace with it" and is looking forward.',
                "information_given": "What happens when the case closes and how to get help again.",
                "decisions": "Eleni will keep contact supervised at the family centre.",
                "understanding_of_risk": "Clear and specific; she knows the warning signs.",
                "protective_capacity": "Consistently strong throughout the work.",
                "safety_plan": "Final family safety plan agreed and signed; the children helped "
                "to write their part.",
                "wellbeing": "Well; enjoying her new job.",
                "actions": [],
            },
        ),
        _record(
            "session",
            "2026-03-24 10:00",
            "2026-03-24 12:00",
            location="office",
            minutes=60,
            people=["p1"],
            status="final",
            tags=["closing", "review"],
            fields={
                "session_type": "review",
                "purpose": "Closing session.",
                "narrative": (
                    "We reviewed the work since January 2025 and Daniel's relapse "
                    'prevention plan. He thanked me and said the work had been "harder and '
                    'more useful" than he expected. Case to close on 31 March 2026.'
                ),
                "presentation": "Well; wellbeing screen clear.",
                "risk_to_self": "none",
                "risk_indicators": [],
                "strengths": "Sustained change over fourteen months.",
                "safeguarding": "Supervised contact continues under Children's Services.",
                "next_session": None,
                "actions": [_action("Write the closing summary", None)],
            },
            addenda=[
                {
                    "written_at": _at("2026-03-30 16:05"),
                    "text": "Closing summary sent to Children's Services and to Dr Mensah.",
                }
            ],
        ),
    ]
    return _case(
        "C-1988",
        "Whitmore household",
        opened="2025-01-06",
        closed="2026-03-31",
        people=people,
        records=records,
    )


# --------------------------------------------------------------------------- reflections

_REFLECTIONS: list[tuple[str, str]] = [
    (
        "2025-02-18 18:40",
        "First session with Ł.N. left me feeling heavy. His low mood pulled at me, and I "
        "noticed I wanted to reassure him. Talked it through with my manager before going "
        "home. Reminder to myself: empathy for the person, no collusion with the account.",
    ),
    (
        "2025-06-10 19:15",
        "Prison visit today with a high risk-to-self screen. I did the right things in the "
        "right order but felt shaky driving home. Took the evening off properly.",
    ),
    (
        "2025-09-23 19:30",
        "Z. told me about the park today. I keep thinking about how relieved she looked. "
        "Want to take to supervision: how I hold my own anger at the secrecy so that it "
        "doesn't leak into the review with Ł.N. on Friday.",
    ),
    (
        "2026-01-09 17:50",
        "Caseload review before the new year. Four families, very different stages. I "
        "notice I am better at pacing partner work than I was a year ago.",
    ),
    (
        "2026-06-10 18:10",
        "Supervision: we talked about cumulative exposure and my tiredness. Booked the "
        "reflective practice group and two days' leave in July.",
    ),
]


# --------------------------------------------------------------------------- document


def demo_document() -> JSONDict:
    """The demo caseload: four fictional households and a reflective log.

    C-2041 Nowak, C-2057 Trần and C-2063 Haddad are open; C-1988 Whitmore is closed.

    Returns:
        A casebook/1 document; a fresh, independent copy on every call, always equal.
    """
    return {
        "format": FORMAT,
        "cases": [_nowak_case(), _tran_case(), _haddad_case(), _whitmore_case()],
        "reflections": [{"written_at": _at(at), "text": text} for at, text in _REFLECTIONS],
    }
