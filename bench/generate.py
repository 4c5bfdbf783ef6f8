"""Deterministic synthetic caseloads in the casebook/1 interchange format.

Benchmarks and load tests import these documents to see how the notebook copes with a
realistic amount of realistic-looking data: many households, names written in several
scripts, long free-text notes whose words follow a plausible social-work vocabulary (so
full-text search sees realistic term frequencies), attachments, late entries, drafts,
actions, disclosures and addenda, spread over ten years (2016-2026).

Everything is fictional and derived from the seed alone: the same `size` and `seed`
always give the same document, byte for byte (Python's `random.Random` with a string
seed, no hash randomisation, no clock, no system time zone).

Sizes (see `SIZES`):

* `small`: 20 cases, 2,000 records, 20 attachments of 5-20 KB;
* `large`: 200 cases, 100,000 records, 5,000 attachments of 50 KB-2 MB (about 4.1 GB of
  JSON, written in about half a minute). Use `write()` for it: `generate()` would
  hold it all in memory.

Command line::

    python bench/generate.py --size small|large [--seed N] -o FILE.json

The module also offers `QUERIES` / `search_queries()`: realistic
search-as-you-type queries (short prefixes, names in several scripts, multi-word
phrases) that match the vocabulary and names used here.
"""

from __future__ import annotations

import argparse
import base64
import bisect
import json
import math
import os
import re
import struct
import sys
import time
import unicodedata
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from random import Random
from typing import Any

from casebook import kinds

__all__ = [
    "FORMAT",
    "QUERIES",
    "SIZES",
    "SizeSpec",
    "generate",
    "main",
    "search_queries",
    "write",
]

FORMAT = "casebook/1"
ACTIONS_DONE_BEFORE = date(2026, 6, 1)
JSONDict = dict[str, Any]


@dataclass(frozen=True)
class SizeSpec:
    """How big a generated caseload is."""

    cases: int
    records: int
    attachments: int
    attachment_bytes: tuple[int, int]
    """Inclusive range of one attachment's decoded size, in bytes."""
    reflections: int


SIZES: dict[str, SizeSpec] = {
    # 5 KB..20 KB and 50 KB..2 MB hold whether a KB is 1,000 or 1,024 bytes.
    "small": SizeSpec(20, 2_000, 20, (5 * 1024, 20_000), 12),
    "large": SizeSpec(200, 100_000, 5_000, (50 * 1024, 2_000_000), 120),
}

DATA_START = date(2016, 1, 4)
DATA_END = date(2026, 9, 30)
"""Records fall between these dates, so that late entries and addenda are still past."""

KINDS = ("session", "child_work", "partner_support")
KIND_WEIGHTS = (50, 25, 25)
FINAL_SHARE = 0.85
LATE_SHARE = 0.05
ADDENDUM_SHARE = 0.04
DISCLOSURE_SHARE = 0.01
"""Share of child_work records that hold a disclosure."""
LONG_NOTE_SHARE = 0.005
"""Share of records whose note is about 10,000 words rather than 200-2,000."""

# The format's value lists, from the notebook's own copy of IMPORT_FORMAT.md's tables.
SESSION_TYPES = kinds.SESSION_TYPES
RISK_LEVELS = kinds.RISK_LEVELS
RISK_INDICATORS = kinds.RISK_INDICATORS
ACTIVITIES = kinds.ACTIVITIES
CONTACT_TYPES = kinds.CONTACT_TYPES
FEELINGS_STAGES = tuple(stage for stage in kinds.FEELINGS_STAGES if stage != "other")


# =========================================================================== names
#
# Each culture lists first names as "as-written:in-Latin-letters" (or just one spelling
# when the name is already in Latin letters) and surnames as "male/female" pairs (or one
# form when it does not change). Names are written in the culture's own script; people
# whose names are in another script usually have a Latin-letter preferred name.


@dataclass(frozen=True)
class _Culture:
    male: tuple[tuple[str, str], ...]
    female: tuple[tuple[str, str], ...]
    surnames: tuple[tuple[str, str, str, str], ...]
    """(male, female, male in Latin letters, female in Latin letters)."""
    family_words: tuple[str, str, str]
    """What a child here may call a father, a mother and a grandmother."""
    weight: int
    nicknames: dict[str, str] = field(default_factory=dict)
    vietnamese: bool = False


def _firsts(spec: str) -> tuple[tuple[str, str], ...]:
    pairs = []
    for item in spec.split():
        written, _, latin = item.partition(":")
        pairs.append((written.replace("_", " "), (latin or written).replace("_", " ")))
    return tuple(pairs)


def _surnames(spec: str) -> tuple[tuple[str, str, str, str], ...]:
    out = []
    for item in spec.split():
        written, _, latin = item.partition(":")
        male, _, female = written.partition("/")
        latin_male, _, latin_female = (latin or written).partition("/")
        out.append(
            (
                male.replace("_", " "),
                (female or male).replace("_", " "),
                latin_male.replace("_", " "),
                (latin_female or latin_male).replace("_", " "),
            )
        )
    return tuple(out)


CULTURES: dict[str, _Culture] = {
    "british": _Culture(
        _firsts(
            "Oliver Jack Harry George Daniel Liam Callum Jamie Ryan Mark Craig Stuart Gareth "
            "Dean Lee Jordan Kieran Nathan Owen Reece Adam Joseph Tyler Mason Noah Leo"
        ),
        _firsts(
            "Amelia Olivia Emily Sophie Chloe Jessica Hannah Gemma Kerry Leanne Rebecca "
            "Lauren Jade Charlotte Ellie Grace Isla Poppy Ruby Mia Freya Megan Zoe Abigail"
        ),
        _surnames(
            "Smith Jones Taylor Brown Wilson Evans Thomas Roberts Walker Wright Whitmore "
            "Ashdown Hollis Pritchard Fenwick Okafor Campbell McAllister Hughes Marsh "
            "Bradshaw Thornton Kaur Begum Mensah Achebe"
        ),
        ("Dad", "Mum", "Nan"),
        34,
        {"Rebecca": "Becky", "Charlotte": "Charlie", "Daniel": "Dan", "Joseph": "Joe"},
    ),
    "irish": _Culture(
        _firsts("Seán Pádraig Ciarán Oisín Darragh Cathal Eoin Tadhg Donnchadh"),
        _firsts("Siobhán Niamh Aoife Róisín Éabha Caoimhe Sinéad Gráinne Orlaith"),
        _surnames(
            "Ó_Briain/Ní_Bhriain Ó_Conaill/Ní_Chonaill Murphy Kelly O'Brien Byrne "
            "O'Sullivan Ó_Ceallaigh/Ní_Cheallaigh Mac_Cárthaigh/Nic_Cárthaigh"
        ),
        ("Daddy", "Mammy", "Granny"),
        5,
    ),
    "polish": _Culture(
        _firsts(
            "Łukasz Paweł Wojciech Grzegorz Krzysztof Michał Tomasz Jędrzej Bartłomiej "
            "Mikołaj Kacper Szymon Maciej Przemysław"
        ),
        _firsts(
            "Agnieszka Małgorzata Zofia Katarzyna Żaneta Joanna Magdalena Łucja Aleksandra "
            "Wiktoria Jadwiga Bożena Urszula"
        ),
        _surnames(
            "Nowak Kowalczyk Wójcik Mazur Krawczyk Woźniak Wiśniewski/Wiśniewska "
            "Dąbrowski/Dąbrowska Zieliński/Zielińska Lewandowski/Lewandowska "
            "Kamiński/Kamińska Szymański/Szymańska Kozłowski/Kozłowska Jabłoński/Jabłońska"
        ),
        ("Tata", "Mama", "Babcia"),
        10,
        {
            "Agnieszka": "Aga",
            "Małgorzata": "Gosia",
            "Katarzyna": "Kasia",
            "Aleksandra": "Ola",
            "Wojciech": "Wojtek",
            "Tomasz": "Tomek",
            "Bartłomiej": "Bartek",
            "Przemysław": "Przemek",
        },
    ),
    "czech": _Culture(
        _firsts("Tomáš Jiří Lukáš Ondřej Radek Vojtěch Matěj Štěpán"),
        _firsts("Kateřina Lucie Tereza Zuzana Markéta Veronika Anežka Klára"),
        _surnames(
            "Dvořák/Dvořáková Novák/Nováková Černý/Černá Procházka/Procházková "
            "Kučera/Kučerová Horváth/Horváthová Růžička/Růžičková"
        ),
        ("Táta", "Máma", "Babička"),
        4,
    ),
    "romanian": _Culture(
        _firsts("Ștefan Andrei Mihai Ionuț Răzvan Costel Bogdan"),
        _firsts("Ioana Elena Andreea Mădălina Bianca Ștefania Roxana"),
        _surnames("Popescu Ionescu Constantinescu Dumitrescu Stănescu Munteanu Țurcanu Căpraru"),
        ("Tata", "Mama", "Bunica"),
        4,
    ),
    "turkish": _Culture(
        _firsts("Mehmet Emre Burak Oğuz Hakan Çağan Yusuf Barış"),  # noqa: RUF001
        _firsts("Ayşe Elif Zeynep Gülşen Şule Özlem İpek Büşra"),
        _surnames("Yılmaz Öztürk Şahin Çelik Doğan Aydın Kılıç Özdemir Güneş"),  # noqa: RUF001
        ("Baba", "Anne", "Nine"),
        5,
    ),
    "iberian": _Culture(
        _firsts("João José Tiago Gonçalo Andrés Sebastián Martín Rúben"),
        _firsts("Inês Conceição María Lúcia Beatriz Sofía Graça Leonor"),
        _surnames("Gonçalves Araújo Fernández Muñoz Peña Simões Magalhães Domínguez"),
        ("Papá", "Mamã", "Avó"),
        5,
    ),
    "german": _Culture(
        _firsts("Jürgen Jörg Lukas Maximilian Günter Björn"),
        _firsts("Lena Jana Anneliese Käthe Jördis Sabine"),
        _surnames("Müller Schröder Weiß Köhler Bäcker Groß Schäfer"),
        ("Papa", "Mama", "Oma"),
        3,
    ),
    "cyrillic": _Culture(
        _firsts(
            "Дмитрий:Dmitry Сергей:Sergei Алексей:Alexei Иван:Ivan Андрей:Andrei "
            "Олександр:Oleksandr Тарас:Taras Михаил:Mikhail Богдан:Bohdan"  # noqa: RUF001
        ),
        _firsts(
            "Ольга:Olya Наталья:Natasha Анна:Anna Екатерина:Katya Ірина:Iryna "
            "Оксана:Oksana Юлия:Yulia Светлана:Sveta Людмила:Lyuda"
        ),
        _surnames(
            "Петров/Петрова:Petrov/Petrova Иванов/Иванова:Ivanov/Ivanova "
            "Смирнов/Смирнова:Smirnov/Smirnova Кузнецов/Кузнецова:Kuznetsov/Kuznetsova "
            "Соколов/Соколова:Sokolov/Sokolova Коваленко:Kovalenko Шевченко:Shevchenko "
            "Бондаренко:Bondarenko Мельник:Melnyk"
        ),
        ("Papa", "Mama", "Babushka"),
        9,
    ),
    "greek": _Culture(
        _firsts(
            "Γιώργος:Giorgos Νίκος:Nikos Δημήτρης:Dimitris Κώστας:Kostas Γιάννης:Giannis "
            "Παναγιώτης:Panagiotis"
        ),
        _firsts(
            "Ελένη:Eleni Μαρία:Maria Σοφία:Sofia Κατερίνα:Katerina Δέσποινα:Despina Αθηνά:Athina"
        ),
        _surnames(
            "Παπαδόπουλος/Παπαδοπούλου:Papadopoulos/Papadopoulou Γεωργίου:Georgiou "
            "Οικονόμου:Oikonomou Νικολάου:Nikolaou Καραγιάννης/Καραγιάννη:Karagiannis/"
            "Karagianni Βλάχος/Βλάχου:Vlachos/Vlachou"
        ),
        ("Babas", "Mama", "Yiayia"),
        5,
    ),
    "vietnamese": _Culture(
        _firsts("Dũng Minh Huy Tuấn Hùng Khánh Phúc Long Quân Đạt"),
        _firsts("Lan Hương Thảo Linh Mai Trang Hằng Ngọc Nhung Yến"),
        _surnames("Nguyễn Trần Lê Phạm Hoàng Vũ Đặng Bùi Đỗ Huỳnh"),
        ("Bố", "Mẹ", "Bà"),
        8,
        vietnamese=True,
    ),
    "arabic": _Culture(
        _firsts(
            "محمد:Mohammed أحمد:Ahmed يوسف:Youssef عمر:Omar خالد:Khaled إبراهيم:Ibrahim سامي:Sami"
        ),
        _firsts("فاطمة:Fatima ليلى:Layla مريم:Maryam نور:Nour سلمى:Salma أميرة:Amira هدى:Huda"),
        _surnames(
            "حداد:Haddad الخطيب:Al-Khatib منصور:Mansour العلي:Al-Ali حسن:Hassan "
            "الزين:Al-Zein ناصر:Nasser"
        ),
        ("Baba", "Mama", "Teta"),
        8,
    ),
}

_VIETNAMESE_MIDDLE = {"male": ("Văn", "Đức", "Minh", "Quang"), "female": ("Thị", "Ngọc", "Thu")}
_TITLES = ("", "", "", "Dr ", "PC ", "DC ", "", "")
"""Titles for professionals; the last two slots become "Mr " or "Ms "."""


@dataclass(frozen=True)
class _Person:
    key: str
    name: str
    role: str
    call: str
    """The name used for this person in free text."""
    male: bool
    preferred_name: str | None = None
    born: date | None = None
    gp: str | None = None

    def to_json(self) -> JSONDict:
        out: JSONDict = {"key": self.key, "name": self.name}
        if self.preferred_name is not None:
            out["preferred_name"] = self.preferred_name
        out["role"] = self.role
        if self.born is not None:
            out["born"] = self.born.isoformat()
        if self.gp is not None:
            out["gp"] = self.gp
        return out


def _make_person(
    rng: Random,
    culture: _Culture,
    *,
    male: bool,
    surname: tuple[str, str, str, str],
    native: bool,
) -> tuple[str, str | None, str]:
    """Choose a name; returns (name, preferred_name or None, name used in free text)."""
    first_written, first_latin = rng.choice(culture.male if male else culture.female)
    preferred: str | None
    if culture.vietnamese:
        middle = rng.choice(_VIETNAMESE_MIDDLE["male" if male else "female"])
        name = f"{surname[0]} {middle} {first_written}"
        preferred = first_written if rng.random() < 0.6 else None
        return name, preferred, first_written
    last = surname[0 if male else 1] if native else surname[2 if male else 3]
    first = first_written if native else first_latin
    name = f"{first} {last}"
    if first != first_latin:
        preferred = first_latin if rng.random() < 0.75 else None
    else:
        nick = culture.nicknames.get(first)
        preferred = nick if nick and rng.random() < 0.6 else None
    return name, preferred, preferred or first


# =========================================================================== vocabulary
#
# Sentence templates for free text. At generation time each template is expanded into
# several concrete sentences: "[a|b|c]" picks one alternative and "<filler>" one entry of
# FILLERS. The {S}, {P}, {C}, {F} and {W} slots (subject, partner, child, family member,
# professional) and their pronouns ({S_he}, {S_He}, {S_his}, {S_His}, {S_him}, ...; the
# slot names use the English masculine forms whatever the person's gender) and family
# words ({SD}: what the child calls the subject, {PD}: the partner, {GM}: grandmother)
# are filled in per record.

FILLERS: dict[str, tuple[str, ...]] = {
    "agency": (
        "Wrenfield Children's Services",
        "Castlemoor Children's Services",
        "the Probation Service",
        "the Public Protection Unit",
        "Marshgate CAMHS",
        "the early help team",
        "the housing department",
        "the family court adviser",
    ),
    "professional": (
        "the allocated social worker",
        "the class teacher",
        "the health visitor",
        "the police offender manager",
        "the school nurse",
        "the family support worker",
        "the Designated Safeguarding Lead",
        "the probation officer",
        "the interpreter",
        "the CAMHS practitioner",
    ),
    "school": (
        "Larkspur Primary",
        "St Aldric's Academy",
        "Brackenholme Primary",
        "Wrenfield High School",
        "Castlemoor Infant School",
        "Otterburn Junior School",
        "Fernleigh Academy",
        "Holmwood Primary",
        "Kingsmere Church of England School",
        "Stanlow Heath Community College",
    ),
    "schoolroom": ("quiet room", "library", "nurture room", "SENCo's office", "meeting room"),
    "town": (
        "Wrenfield",
        "Castlemoor",
        "Ashby Fold",
        "Marshgate",
        "Eastbrook",
        "Brackenholme",
        "Otterburn Vale",
        "Kingsmere",
        "Stanlow Heath",
        "Larksby",
    ),
    "place": (
        "the park",
        "the leisure centre",
        "the shopping centre",
        "the bus station",
        "Kestrel Road Family Centre",
        "the library",
        "the retail park",
        "the canal path",
        "the swimming baths",
        "the market",
    ),
    "hobby": (
        "football",
        "fishing",
        "cycling",
        "the gym",
        "running",
        "gardening",
        "woodwork",
        "cooking",
        "painting",
        "playing the guitar",
        "swimming",
        "chess",
        "a walking group",
        "the allotment",
        "five-a-side",
        "volunteering at the food bank",
    ),
    "workplace": (
        "a warehouse in Marshgate",
        "a building site in Eastbrook",
        "a supermarket",
        "a call centre",
        "a garage",
        "a restaurant kitchen",
        "a haulage firm",
        "the council depot",
        "a care home",
        "a print works",
    ),
    "housing": (
        "{S_his} brother's flat",
        "a hostel in Castlemoor",
        "approved premises",
        "a rented room in Wrenfield",
        "a friend's house",
        "{S_his} parents' home",
        "a caravan on a relative's land",
    ),
    "relative": (
        "{S_his} brother",
        "{S_his} sister",
        "{S_his} mother",
        "{S_his} father",
        "a cousin",
        "an aunt",
    ),
    "protective": (
        "{S_his} children",
        "{S_his} faith",
        "{S_his} brother",
        "work",
        "the football team",
        "{S_his} dog",
        "{S_his} mother",
        "the programme",
    ),
    "rating": ("two", "three", "four", "five", "six", "seven", "eight"),
    "weekday": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"),
    "month": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "event": (
        "the arrest",
        "the search of the house",
        "the police interview",
        "the first court hearing",
        "the charging decision",
        "the sentencing hearing",
        "the child protection conference",
    ),
    "group": (
        "the Harbour partners' group",
        "a men's mental health group",
        "a recovery group",
        "a peer support group",
        "the church café",
        "the community centre drop-in",
        "a parenting course",
    ),
    "course": ("bricklaying", "IT", "English", "catering", "bookkeeping", "plumbing", "art"),
    "food": ("pancakes", "pierogi", "phở", "spaghetti", "curry", "fish and chips", "dolmades"),
    "pet": ("dog", "cat", "hamster", "rabbit", "guinea pig", "goldfish"),
    "toy": ("Lego", "bike", "tablet", "scooter", "football", "dolls", "dinosaurs"),
    "phone": (
        "01632 960114",
        "01632 960298",
        "01632 960472",
        "01632 960835",
        "07700 900126",
        "07700 900583",
    ),
}

BANKS: dict[str, tuple[str, ...]] = {
    # ------------------------------------------------------------------ session
    "purpose": (
        "[Assessment|Intervention|Review] session [as agreed at the core group|following "
        "the referral from <agency>|as part of the programme|as set out in the plan].",
        "To [review the safety plan|complete the wellbeing screen|continue work on the "
        "offence chain|review progress on the actions agreed|begin the Good Lives plan|go "
        "over the conditions of the order|prepare for the core group|look at warning signs].",
        "To prepare for the [child protection conference|core group meeting|family court "
        "hearing|multi-agency risk meeting] on <weekday>.",
        "Session [at {S}'s request|brought forward at {S}'s request|rearranged from "
        "<weekday>] to talk about [contact with the children|{S_his} housing|{S_his} "
        "mood|the court date].",
        "Joint session with <professional> to [explain the plan|review the written "
        "agreement|agree next steps].",
    ),
    "narrative": (
        "We began by reviewing the actions agreed last time; {S} had [completed|made a "
        "start on|not yet started] [the relapse prevention worksheet|the weekly routine "
        "plan|the letter to {S_his} GP|the diary of {S_his} evenings].",
        "{S} [said|reported|told me] that [the week had been difficult|things had been "
        "settled|work had been stressful|{S_he} had been sleeping better|{S_he} had been "
        "drinking less|{S_he} had felt isolated].",
        "I reminded {S} of the limits of confidentiality and of my duty to share "
        "information where there are safeguarding concerns.",
        "We returned to the offence chain and looked at the period [before|leading up "
        "to] the arrest, focusing on [isolation|alcohol use|long working hours|relationship "
        "difficulties|poor sleep|stress about money].",
        "{S} [described|talked about] the offences as [a mistake|something that just "
        "happened|out of character|a one-off], which I understand as minimisation; I "
        "reflected this back [gently|directly|with an example].",
        "When we talked about the impact on the children, {S} [became quiet|was "
        "tearful|changed the subject|spoke about {S_his} own feelings rather than "
        "theirs|was able to name how {C} might feel].",
        "We used the Good Lives model to look at [relatedness|agency|inner peace|"
        "community|knowledge|excellence in work and play|pleasure|creativity] and how {S} "
        "can meet this need safely.",
        "{S} named <hobby> as something healthy that gives {S_his} week some structure.",
        "I asked how {S} would respond if {S_he} found {S_him}self alone with a child; "
        "{S_he} [said {S_he} would leave and tell me|was unsure|said it would never "
        "happen], and we [worked through|rehearsed|wrote down] a plan.",
        "We went over the bail conditions again, including the condition not to have "
        "unsupervised contact with anyone under eighteen.",
        "{S} asked about contact with {C}; I explained that any contact is a decision for "
        "<agency> and the [core group|child protection conference|family court].",
        "{S} said that {P} [was overreacting|had been turned against {S_him}|did not "
        "understand {S_him}], and we explored how this moves responsibility away from "
        "{S_him}.",
        "We looked at the warning signs {S} has identified: [secrecy|drinking alone|staying "
        "up late online|withdrawing from friends|irritability|avoiding supervision].",
        "{S} completed the [weekly diary|thought record|cycle worksheet|decisional balance "
        "exercise] and we went through it together.",
        "{S} [arrived late|arrived on time|had brought the homework|had forgotten the "
        "homework] and we talked about what helps {S_him} keep to the plan.",
        "{S} spoke about {S_his} relationship with {S_his} own [father|mother|parents|"
        "brothers and sisters] and how early experiences have shaped the way {S_he} copes "
        "with stress.",
        "We agreed to focus next time on [empathy for those harmed|healthy "
        "relationships|managing emotions|problem solving|managing shame|the safety plan].",
        "{S} told me {S_he} has started work at <workplace> and that {S_his} employer "
        "knows about the conditions.",
        "{S} is living at <housing> and said the arrangement is [working well|under "
        "strain|only temporary].",
        "<professional> joined the session, as agreed at the core group.",
        "{S} became [defensive|irritated|agitated] when I asked about the internet use "
        "agreement, and then said {S_he} [understood why it was needed|felt it was unfair].",
        "I explained again that I will share a summary of our work with <agency>.",
        "{S} said that since <event> {S_he} has [lost touch with friends|avoided the town "
        "centre|been more open with {S_his} family|stopped going to the gym].",
        "We talked about shame and guilt, and the difference between feeling bad about "
        "what {S_he} did and believing {S_he} is a bad person.",
        "{S} acknowledged asking <relative> to pass a message to {P}, and we discussed why "
        "this is not appropriate.",
        "{S} described a recent [argument|disagreement] with <relative> and how {S_he} "
        "managed {S_his} anger without drinking.",
        "We reviewed the written agreement line by line and {S} [signed it again|asked "
        "questions about two points|said {S_he} understood every part].",
        "{S} asked whether I could [speak to the court|tell {P} {S_he} has changed|pass on "
        "a letter]; I explained my role and declined.",
        "{S} spoke warmly about {C} and about [school reports|sports day|{C_his} "
        "birthday], and we discussed what it means to put {C_his} needs first.",
        "We talked about the difference between explaining behaviour and excusing it.",
        "{S} said {S_he} had [not been online at all|been using the library computers|"
        "kept to the monitoring software], and I said I would confirm this with "
        "<professional>.",
        "{S} reflected that in the year before <event> {S_he} had been [isolated|working "
        "nights|drinking most evenings|avoiding {S_his} family], and linked this to "
        "{S_his} behaviour without prompting.",
        "We completed the [first|second|final] part of the structured risk assessment today.",
        "{S} said it was hard to talk about the concerns but that {S_he} wanted to be honest.",
        "We drew up a weekly plan that includes <hobby>, time with <relative> and no "
        "alcohol on weekdays.",
        "{S} described feeling [judged|watched|ashamed|hopeful] when {S_he} goes into <town>.",
        "{S} asked what would happen at <event>; I explained the process in general terms.",
        "The session was [shorter than planned|longer than planned|interrupted by a phone "
        "call] because of [a transport problem|{S_his} shift at work|a call from {S_his} "
        "solicitor].",
        "{S} said {S_he} attended <group> on <weekday> and found it [helpful|difficult|a relief].",
        "I noticed that {S} [referred to {P} by a pet name|spoke about {C} in the present "
        "tense|avoided naming the offences] and gently named this.",
        "We agreed that {S} will [phone me|phone the crisis line on <phone>|talk to "
        "<relative>] if {S_he} feels {S_his} risk is rising.",
        "{S} described the programme group as [useful|hard work|uncomfortable at "
        "first|the first place {S_he} has been honest].",
        "We reviewed the relapse prevention plan and updated the list of people {S} can talk to.",
    ),
    "presentation": (
        "{S} presented as [tired|well kempt|anxious|calm|flat in mood|brighter than last "
        "time|restless|guarded|unshaven and tired].",
        "{S_He} made [good|limited|fleeting] eye contact and [engaged well|answered "
        "briefly|needed encouragement to talk].",
        "{S} reported sleeping [four|five|six|seven] hours a night and eating [regularly|"
        "poorly|more than usual].",
        '{S_He} described {S_his} mood as ["up and down"|"better"|"low"|"OK"] '
        "and rated it <rating> out of ten.",
        "{S_His} speech was [normal in rate and tone|slow|pressured at times] and {S_he} "
        "was [oriented and coherent|easily distracted].",
    ),
    "rts_none": (
        "Wellbeing screen: no thoughts of self-harm or suicide; {S} named <protective> as "
        "reasons to look forward.",
        "Asked directly, {S} denied any thoughts of harming {S_him}self.",
    ),
    "rts_low": (
        "Wellbeing screen: some low mood and hopelessness, no thoughts of suicide; "
        "protective factors include <protective>.",
        "{S} described feeling low at weekends but has no thoughts of harming {S_him}self "
        "and knows how to get help.",
    ),
    "rts_medium": (
        "Wellbeing screen: {S} described passing thoughts of suicide without a plan; with "
        "{S_his} consent I contacted {S_his} GP the same day and gave {S_him} the crisis "
        "line number.",
        "{S} said {S_he} sometimes thinks everyone would be better off without {S_him}; no "
        "plan or intent. Crisis plan reviewed and shared with {S_his} GP.",
    ),
    "rts_high": (
        "Wellbeing screen: {S} described thoughts of suicide with a plan; I did not leave "
        "{S_him} alone, [contacted the crisis team|called {S_his} GP|told the wing staff "
        "and Safer Custody] and informed my manager immediately.",
        "High risk to self: {S} said {S_he} has been saving medication. Escalated at once "
        "to [the crisis team|{S_his} GP|healthcare] and to my manager.",
    ),
    "strengths": (
        "{S} [kept every appointment this month|has been open about {S_his} difficulties|"
        "has support from <relative>|is in stable work|has stopped drinking|is engaging "
        "with {S_his} GP].",
        "{S_He} shows motivation to change, particularly for the sake of {S_his} children.",
        "{S_He} has begun [volunteering at <place>|attending <group>|a college course in "
        "<course>].",
        "{S} was able to [accept feedback|reflect on {S_his} thinking|name {S_his} warning "
        "signs] in the session.",
        "Consistent attendance and a settled routine built around <hobby>.",
    ),
    "safeguarding": (
        "No new safeguarding concerns were raised in this session.",
        "{S} confirmed there has been no contact with the children outside the agreed "
        "arrangements.",
        "{S} mentioned [seeing {C} in <town>|a message from {P}|visiting a relative with "
        "young children]; shared with <professional> the same day.",
        "Reminded {S} of the written agreement and the conditions of the order.",
        "Information shared with <professional> in line with the information-sharing agreement.",
    ),
    # ------------------------------------------------------------------ child_work
    "childs_words": (
        "I miss {SD} but I don't want {S_him} to be sad.",
        "My worry house has [{PD} crying|shouting|people finding out|{SD} being on "
        "{S_his} own] in it.",
        "The good things are [my <pet>|my <toy>|football|{GM}|my friends|drawing|dancing].",
        "I wish [we could go to the seaside|{SD} could come to my birthday|everyone would "
        "stop being sad|I could have a <pet>].",
        "I don't know why {SD} can't come home.",
        "{PD} says it's grown-up stuff.",
        "I'm not allowed to see {SD} on my own.",
        "It's not my fault.",
        "I feel [happy|sad|cross|worried|all mixed up] [at school|at bedtime|when {PD} "
        "cries|when people ask about {SD}].",
        "Can {SD} come to [my party|sports day|the school play]?",
        "I like talking to you because you don't tell me off.",
        "I don't want to talk about it today.",
        "My tummy hurts when I think about it.",
        "At night I [check the door is locked|sleep with the light on|go in {PD}'s bed].",
        "{GM} makes the best <food>.",
        "{SD} is living at a different house now.",
        "I told my teacher and she said it was OK to be sad.",
        "When I'm grown up I want to be a [vet|footballer|teacher|police officer|artist].",
    ),
    "worries": (
        "{C} worries about [{P} being upset|{S} being on {S_his} own|friends finding "
        "out|moving house|changing school].",
        "{C_He} said {C_he} worries at bedtime and finds it hard to get to sleep.",
        "{C} did not name any worries directly.",
        "{C_His} main worry is whether {S} is [lonely|in trouble|cross with {C_him}].",
    ),
    "good_things": (
        "{C} named [{C_his} <pet>|{C_his} <toy>|{GM}|{C_his} best friend|<hobby>|school] "
        "as good things.",
        "{C_He} enjoys [art club|football|dancing|reading|swimming] and [{GM}'s "
        "<food>|trips to <place>].",
        "{C} said school is [going well|fun|OK] and {C_he} likes {C_his} teacher.",
    ),
    "wishes": (
        "{C} wishes [for everyone to live together again|to see {SD}|for {PD} to be happy|"
        "to go to the seaside|for a <pet>].",
        "{C_His} wish is [to be a vet|to play for the county|for things to go back to normal].",
    ),
    "understanding": (
        "{C} knows {S} lives somewhere else for now and that {C_he} cannot see {S_him} on "
        "{C_his} own.",
        "{C} has been given the agreed explanation: {SD} broke a rule that keeps children "
        "safe and is getting help.",
        "{C} does not yet know why contact stopped; an age-appropriate explanation is to be "
        "agreed with {P} and <professional>.",
        '{C} said it was "not {C_his} fault" and that the grown-ups are sorting it out.',
        "{C} understands more than {C_he} says, in {P}'s view, and asks questions at bedtime.",
    ),
    "observations": (
        "{C} [engaged well|was quiet at first|was chatty and relaxed|needed short breaks] "
        "and [chose the colours carefully|drew quickly|wanted to play rather than draw].",
        "{C} sought reassurance from {P} [twice|several times|once] and settled quickly.",
        "The interaction between {C} and {P} was [warm and relaxed|affectionate|a little "
        "strained at first].",
        "{C_His} [speech|play|concentration] appeared age-appropriate.",
        "Met in the <schoolroom> at <school>.",
        "{C} became [quiet|fidgety|tearful] when talking about {SD} and brightened when we "
        "moved on to good things.",
        "{C} asked to keep {C_his} drawing; with {C_his} agreement I photographed it and "
        "gave it back.",
        "<professional> reports that {C} is [settled|more tired than usual|doing well] in class.",
        "{C} played a long game with the [dolls' house|small-world figures|puppets] in "
        "which the family [went on holiday|moved house|had a party].",
        "{C} was [well dressed|tired|hungry] on arrival and had a snack before we started.",
        "At the end {C} said {C_he} would like to [come again|do more drawing|bring {C_his} "
        "<toy>] next time.",
        "{C} used the feelings cards to choose [happy|sad|worried|cross|mixed up] for "
        "[school|home|bedtime].",
        "{C} showed me {C_his} [reading book|certificate|<toy>] with pride.",
        "{C} moved between activities quickly and I kept the session short.",
        "{P} said {C} had been [sleeping better|having nightmares|clingy at bedtime] since "
        "the last visit.",
    ),
    "disclosure_verbatim": (
        "{SD} was outside school on <weekday>. {S_He} said {S_he} misses me and not to tell {PD}.",
        "{SD} sends me messages on my tablet. {S_He} said it's our secret.",
        "I saw {SD} at <place>. {S_He} gave me a hug and said {S_he} will see me soon and "
        "not to say.",
        "{SD} phoned me on {GM}'s phone and said {S_he} would get me a present if I didn't tell.",
        "{SD} came to {GM}'s house when I was there and {PD} wasn't.",
    ),
    "disclosure_present": (
        "{C} and me only.",
        "{C}, me and the class teacher.",
        "{C} and me; <professional> joined afterwards at my request.",
    ),
    "disclosure_response": (
        "I listened, did not ask leading questions and thanked {C} for telling me. I said "
        "it was right to tell, that it was not {C_his} fault, and that I would need to tell "
        "people whose job is to keep children safe.",
        "I stayed calm, used {C}'s own words back to {C_him} and explained what would "
        "happen next. {C_He} asked whether {SD} would be in trouble; I said that was for the "
        "grown-ups to sort out.",
    ),
    # ------------------------------------------------------------------ partner_support
    "feelings_shock": (
        "{P} described feeling [numb|as if in a bad dream|unable to take it in] since <event>.",
        "{P_He} said {P_he} [keeps expecting {S} to walk in|cannot remember the last few "
        "days clearly|has not been able to eat].",
        "{P} cried at several points and apologised; I said this is a common reaction.",
    ),
    "feelings_disbelief": (
        "{P} said {P_he} still cannot believe {S} could be involved.",
        "{P_He} asked whether the police could have [made a mistake|got the wrong "
        "person|misunderstood].",
        "{P} described {S} as [a loving parent|the one who does bedtime|a gentle person] "
        'and said the concerns "do not fit".',
    ),
    "feelings_anger": (
        "{P} was angry [with {S}|with the police|with Children's Services|with {S}'s family].",
        '"{S_He} chose this and we are the ones paying for it," {P} said.',
        "{P} said {P_he} feels guilty for being angry in front of the children.",
    ),
    "feelings_bargaining": (
        "{P} asked whether {S} could come home [once the programme is finished|for "
        "weekends|for {C}'s birthday].",
        "{P_He} suggested {P_he} could [supervise contact {P_him}self|keep an eye on {S}].",
        '{P} wondered aloud whether things would be different "if {S_he} just admits it".',
    ),
    "feelings_sadness": (
        "{P} described [grieving for the family {P_he} thought {P_he} had|a heavy "
        "sadness|feeling flat and tearful].",
        "{P_He} said the [weekends|evenings|holidays] are the hardest.",
        "{P} was quiet and sad, with less anger than before.",
    ),
    "feelings_acceptance": (
        "{P} said {P_he} has [stopped waiting for things to go back|made peace with it|"
        "accepted that the relationship has ended].",
        "{P_He} spoke about the future with some hope and about {P_his} own plans.",
        '{P} said {P_he} feels "steadier" and can talk about what happened without falling apart.',
    ),
    "feelings_other": (
        "{P} described feeling [in between|numb and busy at once|mixed up], settled most "
        "days and overwhelmed around anniversaries.",
        "{P} said {P_his} feelings change from day to day.",
    ),
    "information_given": (
        "Explained [the criminal justice process|bail and its conditions|what a charging "
        "decision is|what happens at court|the role of <agency>] in general terms.",
        "Gave details of <group> and the listening line (<phone>).",
        "Explained how to talk to children about a parent's offending in an age-appropriate way.",
        "Explained what supervised contact involves and that supervisors have to be "
        "assessed and approved.",
        "Explained the written agreement and what to do if {S} makes contact.",
        "Explained that contact is a decision for <agency>, informed by the assessment.",
        "Talked through what {P} can expect at the [core group|child protection "
        "conference|family court hearing].",
        "Explained what the assessment of {S} covers and how long it is likely to take.",
        "Gave written information in plain English about <agency> and who to contact.",
        "Explained the difference between my role and that of <professional>.",
        "Explained that {P} does not have to attend <event> and what support there is if "
        "{P_he} does.",
        "Shared information about [the welfare rights service|the housing advice line|a "
        "local food bank|the victim support line|free counselling through the GP].",
        "Explained what an age-appropriate explanation for {C} could sound like and offered "
        "to help write it.",
        "Explained how information about {S}'s progress is shared and what {P} will and "
        "will not be told.",
        "Talked through the [out-of-hours number|crisis line|police non-emergency number] "
        "and when to use it.",
    ),
    "child_narrative": (
        "I explained to {C} who I am and that my job is to help children and families feel safe.",
        "We started with [a drawing game|the feelings cards|a story book|some free play] to "
        "help {C} settle.",
        "{C} chose to sit [on the floor|at the table|next to {P}] and [kept {C_his} coat "
        "on|took {C_his} shoes off|held a cushion].",
        "When I asked about home, {C} talked about [{C_his} bedroom|the new kitten|bath "
        "time|tea with {GM}] in some detail.",
        "{C} asked me [whether {SD} is OK|why {SD} has to live somewhere else|if I know "
        "{SD}|when {C_he} will see {SD} again]; I gave the agreed answer.",
        "I used the [three houses|wishes and feelings|words and pictures] sheet and wrote "
        "{C}'s words down exactly as {C_he} said them.",
        "{C} drew [{C_his} family|{C_his} house|a rainbow|a big tree|{C_his} <pet>] and told "
        "me about each part.",
        "{C} left [{SD}|{C_his} brother|{C_his} sister|nobody] out of the family drawing; I "
        "noted this without drawing conclusions.",
        "I checked {C}'s understanding of the safety rules: who {C_he} can talk to, and "
        "what to do if {SD} comes to the school gate.",
        "{C} said the best bit of the week was [swimming|a party|a trip to <place>|playing "
        "with friends].",
        "We talked about body feelings; {C} showed me where {C_he} feels worry [in {C_his} "
        "tummy|in {C_his} chest|in {C_his} head].",
        "{C} was keen to show me [a dance|a card trick|{C_his} handwriting|a model {C_he} "
        "had made].",
        "I reminded {C} that {C_he} can talk to [{C_his} teacher|{PD}|{GM}|me] about "
        "anything that worries {C_him}.",
        "{C} became tired towards the end, so we finished with a short game of [snap|"
        "hangman|noughts and crosses].",
        "I fed back to {P} after the session, sharing the themes but not every word, as "
        "agreed with {C}.",
        "{C} said {C_he} did not want {SD} to know what {C_he} had said; I explained what I "
        "would and would not share.",
        "We made a [worry box|calm-down jar|feelings thermometer] together for {C} to use at home.",
        "{C_His} school attendance is [good|improving|a concern] according to <professional>.",
        "{C} talked about {C_his} friends at <school> and a recent [falling out|birthday "
        "party|school trip].",
        "We read a story about [big feelings|families who live apart|a bear who worries] "
        "and {C} linked it to {C_his} own life.",
    ),
    "partner_narrative": (
        "I visited {P} at home; the children were at school, so we could talk freely.",
        "{P} had written down some questions, which we went through in turn.",
        "We talked about how {P} has explained things to the children and what {C} has "
        "been asking.",
        "{P} described a conversation with {S} [on the phone|at the solicitor's office|at "
        "the contact centre] and how {P_he} felt afterwards.",
        "{P} said {S}'s family have been [supportive|critical of {P_him}|pressing {P_him} "
        "to drop the concerns].",
        "We went through the written agreement again and {P} asked about [holidays|"
        "birthdays|school events|Christmas].",
        "{P} talked about money worries since {S} left.",
        "{P} reflected on the months before <event> and whether there were signs {P_he} missed.",
        "I acknowledged how much {P} has been managing on {P_his} own.",
        "We discussed what {P} will say if neighbours or other parents ask questions.",
        "{P} described the children's routines: [school, tea, bath and bed|after-school "
        "club on <weekday>s|swimming at the weekend].",
        "We looked at {P}'s own support network and added [{F}|a friend from work|a "
        "neighbour] to the plan.",
        "{P} asked what would happen if {S} [moved nearby|turned up at school|applied to "
        "the court for contact].",
        "{P} showed me a message from {S}; we agreed {P_he} would not reply and that I "
        "would share it with <professional>.",
        "{P} spoke about {P_his} own childhood and how it shapes the way {P_he} protects "
        "the children.",
        "We talked about how {P} can look after {P_him}self: [walking|seeing friends|going "
        "back to work|church|the gym].",
        "{P} was worried about <event> and what it would mean for the family.",
        "{P} said the children have been [more settled|unsettled at bedtime|asking about "
        "{SD}] this week.",
        "{P} said {P_he} had [cried in the car|laughed for the first time in weeks|slept "
        "through the night] since the last visit.",
        "We talked about trust, and how {P} can rely on what {P_he} sees rather than what "
        "{S} tells {P_him}.",
    ),
    "general": (
        "I recorded this note [the same day|from handwritten notes made during the visit|"
        "after speaking to my manager].",
        "Information was shared with <agency> in line with the child protection plan.",
        "The next core group is on <weekday>; I will send a written update beforehand.",
        "I spoke to <professional> by phone afterwards to share the main points.",
        "My manager was updated the same day.",
        "The plan agreed at the last child protection conference remains in place.",
        "We agreed the next appointment for <weekday> at [ten|two|four] o'clock.",
        "I checked the details held on file and updated the contact number to <phone>.",
        "<professional> has asked for a written summary by the end of <month>.",
        "The meeting took place [at the office in <town>|at <place>|at the family home|at "
        "<school>].",
        "An interpreter was [booked but not needed|used throughout|used by phone].",
        "I have not recorded everything discussed; my handwritten notes are held on file.",
    ),
    "decisions": (
        "{P} has decided that {S} will not return to the family home for now.",
        "{P} will [attend <group>|see {P_his} GP|tell the school|ask {F} to help with childcare].",
        "{P} will not pass messages between {S} and the children.",
        "{P} has decided to [separate from {S}|wait for the outcome of the assessment|"
        "seek legal advice].",
        "{P} agreed that the children will not visit {S} while the assessment takes place.",
    ),
    "understanding_of_risk": (
        "{P} [is beginning to|can now|still finds it hard to] describe the risk in "
        "{P_his} own words.",
        "{P} spoke about {S}'s responsibility rather than outside causes.",
        "{P_His} wish for the family to be together sometimes pulls {P_him} towards "
        "underestimating risk.",
        "{P} can name the warning signs: [secrecy|drinking|isolation|time online].",
        "Too early to assess; {P} is following the plan.",
    ),
    "protective_capacity": (
        "{P} has acted protectively: [agreed the written agreement straight away|informed "
        "the school|set clear limits with {S}'s family].",
        "{P} is warm and attentive with the children and keeps their routines going.",
        "{P} is open with professionals about {P_his} doubts, which helps.",
        "Consistently protective over several months.",
    ),
    "safety_plan": (
        "No contact between {S} and the children except as agreed by <agency>.",
        "If {S} comes to the house {P} will not let {S_him} in and will call 999.",
        "{F} knows the plan and will help with school runs on <weekday>s.",
        "{C} knows {C_he} can tell {PD}, {GM} or {C_his} teacher if {SD} approaches "
        "{C_him}, and will not be in trouble.",
        "Plan reviewed with {P} and signed; copies held by <school> and <professional>.",
    ),
    "wellbeing": (
        "{P} is [sleeping poorly|sleeping better|eating little|back at work|taking "
        "medication from {P_his} GP].",
        "No thoughts of harming {P_him}self (asked directly).",
        "{F} is staying [a few nights a week|at weekends] to help.",
        "{P} has been to <group> [once|a few times|regularly] and finds it helpful.",
        "{P} said {P_he} is tired but coping.",
    ),
    # ------------------------------------------------------------------ any kind
    "action": (
        "Send {P} details of <group>",
        "Confirm the next core group date with {W}",
        "Write to {S}'s GP (with consent)",
        "Share a summary of this contact with <professional>",
        "Book an interpreter for the next visit",
        "Refer {C} to the school counsellor",
        "Update the safety plan with {P}",
        "Check the bail conditions with the officer in the case",
        "Arrange a joint visit with {W}",
        "Repeat the wellbeing screen at the next session",
        "Chase the CAMHS referral for {C}",
        "Send {P} written information about the court process",
        "Ask <school> about a trusted adult for {C}",
        "Discuss the contact request with <agency>",
    ),
    "addendum": (
        "{P} phoned after the visit to add that {C} had [a good evening|a difficult "
        "night|asked about {SD}].",
        "Correction: the core group is on <weekday>, not as first recorded.",
        "Further information from {W}: the [referral has been accepted|meeting has moved|"
        "conditions are unchanged].",
        "{S} phoned the next day to say {S_he} had thought more about our conversation and "
        "[agreed with the plan|wanted to add something about <relative>].",
        "Summary shared with <agency> on <weekday>.",
    ),
    "reflection": (
        "A [heavy|long|steady|hopeful] day. I noticed I [wanted to reassure|felt irritated "
        "with|felt protective of] the person I was working with, and took it to my "
        "manager.",
        "Reminder to myself: empathy for the person, no collusion with the account.",
        "Supervision: we talked about [cumulative exposure|my tiredness|boundaries|"
        "pacing partner work|how I record children's words].",
        "Drove home with the radio off. Took the evening off properly.",
        "Booked [the reflective practice group|two days' leave|a walk with a colleague] to "
        "look after myself.",
        "I am better at pacing the work than I was a year ago.",
        "I want to take to supervision how I hold my own anger so that it does not leak "
        "into the work.",
    ),
}

TAGS = (
    "assessment",
    "risk to self",
    "breach",
    "disclosure",
    "three houses",
    "supervised contact",
    "core group",
    "strategy discussion",
    "interpreter",
    "court",
    "bail conditions",
    "safety plan",
    "good lives",
    "school",
    "GP",
    "housing",
    "employment",
    "alcohol",
    "contact centre",
    "wishes and feelings",
    "young carer",
    "prison",
    "support group",
    "family pressure",
    "indirect contact",
    "written agreement",
    "review",
    "direct work",
    "CAMHS",
    "closing",
)


_BULK: dict[str, tuple[str, ...]] = {
    "session_bulk": ("narrative", "general"),
    "child_bulk": ("observations", "child_narrative", "general"),
    "partner_bulk": ("partner_narrative", "general"),
}
"""Banks for the long part of a note: the kind's own sentences plus general ones."""


@dataclass(frozen=True)
class _Bank:
    sentences: tuple[str, ...]
    cum_weights: tuple[float, ...]
    """Zipf-like weights: a few sentences are common, most are rare."""
    mean_words: float
    stream: list[str]
    """Sentences drawn in advance with those weights; texts are cut from it (see
    `_CaseWriter._sentences()`), which is much faster than drawing each sentence."""


_ALTERNATIVE = re.compile(r"\[([^\[\]]*)\]")
_FILLER = re.compile(r"<(\w+)>")


def _expand(rng: Random, template: str) -> str:
    text = _FILLER.sub(lambda m: rng.choice(FILLERS[m.group(1)]), template)
    return _ALTERNATIVE.sub(lambda m: rng.choice(m.group(1).split("|")), text)


def _build_banks(rng: Random, stream_length: int) -> dict[str, _Bank]:
    """Expand every template into several sentences; weight them so some are common and
    many rare (a Zipf-like distribution, as in real notes); draw a stream of each."""
    banks: dict[str, _Bank] = {}
    groups = {name: (name,) for name in BANKS} | _BULK
    for name, parts in groups.items():
        templates = [template for part in parts for template in BANKS[part]]
        variants = 12 if len(templates) > 10 else 6
        seen: dict[str, None] = {}
        for template in templates:
            for _ in range(variants):
                sentence = _expand(rng, template)
                seen.setdefault(sentence[0].upper() + sentence[1:], None)
        sentences = list(seen)
        rng.shuffle(sentences)
        cum: list[float] = []
        total = 0.0
        for rank in range(len(sentences)):
            total += 1.0 / (rank + 1) ** 0.5
            cum.append(total)
        mean = sum(len(s.split()) for s in sentences) / len(sentences)
        length = stream_length if name in _BULK else max(4_000, stream_length // 10)
        stream = rng.choices(sentences, cum_weights=cum, k=length)
        banks[name] = _Bank(tuple(sentences), tuple(cum), mean, stream)
    return banks


# =========================================================================== times


def _last_sunday(year: int, month: int) -> date:
    last = date(year, month, 31)
    return last - timedelta(days=(last.weekday() + 1) % 7)


def _iso(local: datetime) -> str:
    """ISO 8601 for a naive UK local time, with the GMT or BST offset then in force."""
    start = datetime(local.year, 3, _last_sunday(local.year, 3).day, 1)
    end = datetime(local.year, 10, _last_sunday(local.year, 10).day, 2)
    offset = "+01:00" if start <= local < end else "+00:00"
    return local.strftime("%Y-%m-%dT%H:%M:%S") + offset


# =========================================================================== attachments

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(data, zlib.crc32(kind)))
    )


def _stored_zlib(raw: bytes) -> bytes:
    """A zlib stream of uncompressed ("stored") deflate blocks: valid and very fast."""
    view = memoryview(raw)
    parts: list[bytes | memoryview] = [b"\x78\x01"]
    for start in range(0, len(raw), 0xFFFF):
        block = view[start : start + 0xFFFF]
        final = start + 0xFFFF >= len(raw)
        parts.append(struct.pack("<BHH", final, len(block), len(block) ^ 0xFFFF))
        parts.append(block)
    parts.append(struct.pack(">I", zlib.adler32(raw)))
    return b"".join(parts)


def _png_width(target: int) -> int:
    """The image width `_noise_png()` uses for a file of about `target` bytes."""
    return 64 if target < 40_000 else 256 if target < 400_000 else 1024


def _noise_png(rng: Random, noise: bytes, target: int) -> bytes:
    """A valid RGB PNG of random-looking pixels, at most `target` bytes and at least
    `target` minus one row. Rows are slices of `noise` at random offsets, so every
    image differs and none compresses."""
    width = _png_width(target)
    row = 3 * width
    overhead = 8 + 25 + 12 + 12 + 6 + 5 * (target // 0xFFFF + 1)
    height = max(1, (target - overhead) // (row + 1))
    parts: list[bytes] = []
    limit = len(noise) - row
    random = rng.random
    for _ in range(height):
        offset = int(random() * limit)
        parts.append(b"\x00")
        parts.append(noise[offset : offset + row])
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"".join(
        (
            _PNG_SIGNATURE,
            _png_chunk(b"IHDR", header),
            _png_chunk(b"IDAT", _stored_zlib(b"".join(parts))),
            _png_chunk(b"IEND", b""),
        )
    )


@dataclass(frozen=True)
class _Attachment:
    name: str
    media_type: str
    data: bytes

    def to_json(self) -> JSONDict:
        return {
            "name": self.name,
            "media_type": self.media_type,
            "data_base64": base64.b64encode(self.data).decode("ascii"),
        }


# =========================================================================== plan


@dataclass(frozen=True)
class _CasePlan:
    index: int
    opened: date
    culture: str
    """The key in CULTURES of the subject's family."""
    kinds: tuple[str, ...]
    attachments: frozenset[int]
    long_notes: frozenset[int]
    disclosures: frozenset[int]


def _allocate(rng: Random, total: int, parts: int, minimum: int) -> list[int]:
    """Split `total` into `parts` uneven whole numbers, each at least `minimum`."""
    weights = [rng.lognormvariate(0.0, 0.7) for _ in range(parts)]
    spare = total - minimum * parts
    scale = spare / sum(weights)
    counts = [minimum + int(w * scale) for w in weights]
    for i in range(total - sum(counts)):
        counts[i % parts] += 1
    return counts


def _plan(spec: SizeSpec, seed: int) -> list[_CasePlan]:
    """Decide up front, for the whole caseload, which record is which kind and which
    records carry attachments, very long notes and disclosures, so the stated totals are
    met exactly."""
    rng = Random(f"casebook-bench:{seed}:plan")
    counts = _allocate(rng, spec.records, spec.cases, minimum=8)
    kinds = rng.choices(KINDS, weights=KIND_WEIGHTS, k=spec.records)
    attachments = set(rng.sample(range(spec.records), spec.attachments))
    long_notes = set(rng.sample(range(spec.records), max(3, int(spec.records * LONG_NOTE_SHARE))))
    child_work = [i for i, kind in enumerate(kinds) if kind == "child_work"]
    n_disclosures = max(3, int(len(child_work) * DISCLOSURE_SHARE))
    disclosures = set(rng.sample(child_work, n_disclosures))
    # Case references follow the order cases were opened. Most cases are spread evenly
    # over the ten years; a fifth were opened in the last eighteen months, so a good share
    # of the caseload is still open.
    latest = DATA_END - timedelta(days=120)
    recent = spec.cases // 5
    spread = spec.cases - recent
    stratum = (latest - DATA_START).days / spread
    opened = sorted(
        [DATA_START + timedelta(days=int((i + rng.random()) * stratum)) for i in range(spread)]
        + [latest - timedelta(days=rng.randrange(540)) for _ in range(recent)]
    )
    # Every culture (so every script) appears at least once; the rest follow the weights.
    cultures = list(CULTURES)
    weights = [c.weight for c in CULTURES.values()]
    cultures += rng.choices(list(CULTURES), weights=weights, k=max(0, spec.cases - len(cultures)))
    rng.shuffle(cultures)
    plans = []
    start = 0
    for index, count in enumerate(counts):
        span = range(start, start + count)
        plans.append(
            _CasePlan(
                index=index,
                opened=opened[index],
                culture=cultures[index],
                kinds=tuple(kinds[start : start + count]),
                attachments=frozenset(i - start for i in span if i in attachments),
                long_notes=frozenset(i - start for i in span if i in long_notes),
                disclosures=frozenset(i - start for i in span if i in disclosures),
            )
        )
        start += count
    return plans


# =========================================================================== cases


@dataclass
class _Household:
    people: list[_Person]
    surname: str
    """The subject's surname as written in their name, for the case title."""
    family_words: tuple[str, str, str]

    def first(self, role: str) -> _Person:
        return next(p for p in self.people if p.role == role)

    def all(self, role: str) -> list[_Person]:
        return [p for p in self.people if p.role == role]


def _pick_culture(rng: Random) -> _Culture:
    cultures = list(CULTURES.values())
    return rng.choices(cultures, weights=[c.weight for c in cultures])[0]


def _household(rng: Random, opened: date, culture: _Culture) -> _Household:
    """A household: subject, partner, 1-4 children, 0-2 family members, 1-3 professionals."""
    partner_culture = culture if rng.random() < 0.8 else _pick_culture(rng)
    native = rng.random() < 0.6
    subject_male = rng.random() < 0.9
    partner_male = not subject_male if rng.random() < 0.95 else subject_male
    family_name = rng.choice(culture.surnames)
    people: list[_Person] = []

    def add(
        role: str,
        culture_: _Culture,
        surname: tuple[str, str, str, str],
        *,
        male: bool,
        born: date,
        gp: str | None = None,
    ) -> None:
        key = f"p{len(people) + 1}"
        taken = {p.call for p in people} | {p.name for p in people}
        for _ in range(10):
            name, preferred, call = _make_person(
                rng, culture_, male=male, surname=surname, native=native
            )
            words = name.split()
            if call not in taken and name not in taken and len(set(words)) == len(words):
                break
        people.append(_Person(key, name, role, call, male, preferred, born, gp))

    def born(age_low: int, age_high: int) -> date:
        return opened - timedelta(days=rng.randint(age_low * 365, age_high * 365 + 364))

    doctor = f"Dr {_professional_name(rng)[0]}"
    gp = (
        f"{doctor}, {rng.choice(FILLERS['town'])} "
        f"{rng.choice(('Surgery', 'Medical Centre', 'Health Centre', 'Practice'))}, "
        f"01632 960{rng.randrange(1000):03d}"
    )
    add("subject", culture, family_name, male=subject_male, born=born(22, 58), gp=gp)
    keeps_own_name = (
        partner_culture is not culture or culture.vietnamese or culture is CULTURES["arabic"]
    )
    partner_surname = rng.choice(partner_culture.surnames) if keeps_own_name else family_name
    add("partner", partner_culture, partner_surname, male=partner_male, born=born(21, 55))
    for _ in range(rng.choices((1, 2, 3, 4), weights=(35, 40, 18, 7))[0]):
        add("child", culture, family_name, male=rng.random() < 0.5, born=born(0, 16))
    for _ in range(rng.choices((0, 1, 2), weights=(25, 55, 20))[0]):
        side = rng.choice((culture, partner_culture))
        add("family", side, rng.choice(side.surnames), male=rng.random() < 0.4, born=born(45, 80))
    for _ in range(rng.randint(1, 3)):
        key = f"p{len(people) + 1}"
        name, male = _professional_name(rng, titled=True)
        people.append(_Person(key, name, "professional", name, male))
    words = culture.family_words if rng.random() < 0.4 else ("Dad", "Mum", "Nan")
    if subject_male == partner_male:
        words = (words[0], words[0], words[2]) if subject_male else (words[1], words[1], words[2])
    elif not subject_male:
        words = (words[1], words[0], words[2])
    if culture.vietnamese:
        surname = family_name[0]
    else:
        surname = family_name[(0 if subject_male else 1) + (0 if native else 2)]
    return _Household(people, surname, words)


def _professional_name(rng: Random, *, titled: bool = False) -> tuple[str, bool]:
    """A professional's name in Latin letters, with a title when `titled`; and whether
    the professional is a man."""
    culture = rng.choice([c for c in CULTURES.values() if c.male[0][0] == c.male[0][1]])
    male = rng.random() < 0.4
    first = rng.choice(culture.male if male else culture.female)[1]
    surname = rng.choice(culture.surnames)
    last = surname[2] if male else surname[3]
    name = f"{last} {first}" if culture.vietnamese else f"{first} {last}"
    if titled:
        slot = rng.randrange(len(_TITLES))
        title = _TITLES[slot] if slot < len(_TITLES) - 2 else ("Mr " if male else "Ms ")
        name = title + name
    return name, male


def _pronouns(prefix: str, person: _Person) -> dict[str, str]:
    he, his, him = ("he", "his", "him") if person.male else ("she", "her", "her")
    return {
        prefix: person.call,
        f"{prefix}_he": he,
        f"{prefix}_He": he.capitalize(),
        f"{prefix}_his": his,
        f"{prefix}_His": his.capitalize(),
        f"{prefix}_him": him,
    }


class _CaseWriter:
    """Generates one case: its header and, lazily, its records in date order."""

    def __init__(
        self, plan: _CasePlan, seed: int, banks: dict[str, _Bank], noise: bytes, spec: SizeSpec
    ) -> None:
        self.plan = plan
        self.banks = banks
        self.noise = noise
        self.spec = spec
        self.rng = Random(f"casebook-bench:{seed}:case:{plan.index}")
        rng = self.rng
        self.opened = plan.opened
        length = timedelta(days=int(min(2500, max(120, rng.lognormvariate(6.3, 0.5)))))
        end = self.opened + length
        self.closed = end if end < DATA_END else None
        self.last_day = min(end, DATA_END)
        self.household = _household(rng, self.opened, CULTURES[plan.culture])
        self.in_custody = rng.random() < 0.15  # sessions then take place in prison
        self.subject = self.household.first("subject")
        self.partner = self.household.first("partner")
        self.children = self.household.all("child")
        self.family = self.household.all("family")
        self.professionals = self.household.all("professional")
        self.ref = f"C-{1000 + plan.index * 7 + rng.randrange(7)}"
        self.title = f"{self.household.surname} household"
        dad, mum, gran = self.household.family_words
        self.base_names = {
            **_pronouns("S", self.subject),
            **_pronouns("P", self.partner),
            "SD": dad,
            "PD": mum,
            "GM": gran,
        }

    def header(self) -> JSONDict:
        return {
            "ref": self.ref,
            "title": self.title,
            "status": "closed" if self.closed else "open",
            "opened": self.opened.isoformat(),
            "closed": self.closed.isoformat() if self.closed else None,
            "people": [p.to_json() for p in self.household.people],
        }

    # ------------------------------------------------------------------ text helpers

    def _names(self, child: _Person) -> dict[str, str]:
        rng = self.rng
        names = dict(self.base_names)
        names.update(_pronouns("C", child))
        names["F"] = rng.choice(self.family).call if self.family else names["GM"]
        names["W"] = rng.choice(self.professionals).call
        return names

    def _sentences(self, bank: str, count: int) -> list[str]:
        """`count` sentences from `bank`: every n-th sentence (n from 1 to 7) of its
        stream from a random place, so texts rarely share a run of sentences."""
        stream = self.banks[bank].stream
        random = self.rng.random
        step = 1 + int(random() * 7)
        span = count * step
        if span > len(stream):
            step, span = 1, count
        start = int(random() * (len(stream) - span + 1))
        return stream[start : start + span : step]

    def _text(self, bank: str, low: int, high: int, names: dict[str, str]) -> str:
        """A short text: `low` to `high` different sentences from `bank`."""
        picked = dict.fromkeys(self._sentences(bank, self.rng.randint(low, high)))
        return " ".join(picked).format_map(names)

    def _long_text(
        self, bank: str, words: int, names: dict[str, str], lead: Sequence[str] = ()
    ) -> str:
        """About `words` words from `bank` after the `lead` sentences, in paragraphs
        of 3-8 sentences."""
        b = self.banks[bank]
        sentences = [
            *dict.fromkeys(lead),
            *self._sentences(bank, max(1, round(words / b.mean_words))),
        ]
        paragraphs = []
        i = 0
        random = self.rng.random
        while i < len(sentences):
            step = 3 + int(random() * 6)
            paragraphs.append(" ".join(sentences[i : i + step]))
            i += step
        return "\n\n".join(paragraphs).format_map(names)

    def _quotes(self, names: dict[str, str]) -> list[str]:
        count = self.rng.choices((1, 2, 3, 4, 5), weights=(20, 30, 25, 15, 10))[0]
        unique = dict.fromkeys(self._sentences("childs_words", count))
        return [q.format_map(names) for q in unique]

    def _actions(self, day: date, names: dict[str, str]) -> list[JSONDict]:
        rng = self.rng
        count = rng.choices((0, 1, 2, 3), weights=(40, 35, 18, 7))[0]
        actions = []
        for text in self._sentences("action", count):
            due = None if rng.random() < 0.1 else (day + timedelta(days=rng.randint(2, 42)))
            action: JSONDict = {
                "text": text.format_map(names),
                "due": due.isoformat() if due else None,
            }
            # Most actions from long ago were done (the notebook's "done" addition).
            if due is not None and due < ACTIONS_DONE_BEFORE and rng.random() < 0.9:
                action["done"] = True
            actions.append(action)
        return actions

    def _word_target(self, index: int) -> int:
        if index in self.plan.long_notes:
            return self.rng.randint(9_000, 11_000)
        return int(math.exp(self.rng.uniform(math.log(200), math.log(2_000))))

    # ------------------------------------------------------------------ records

    def _event_times(self) -> list[datetime]:
        rng = self.rng
        span = (self.last_day - self.opened).days
        times = []
        for _ in self.plan.kinds:
            day = self.opened + timedelta(days=rng.randint(1, span))
            friday = day - timedelta(days=day.weekday() - 4)
            if day.weekday() >= 5 and friday >= self.opened and rng.random() < 0.8:
                day = friday
            hour = rng.choices(
                (9, 10, 11, 13, 14, 15, 16, 17, 18, 19),
                weights=(8, 12, 12, 10, 12, 12, 10, 6, 4, 3),
            )[0]
            times.append(datetime(day.year, day.month, day.day, hour, rng.choice((0, 15, 30, 45))))
        times.sort()
        return times

    def records(self) -> Iterator[tuple[JSONDict, list[_Attachment]]]:
        """Each record as (JSON object without attachments, its attachments)."""
        rng = self.rng
        times = self._event_times()
        n = len(times)
        for index, (kind, event) in enumerate(zip(self.plan.kinds, times, strict=True)):
            child = rng.choice(self.children)
            names = self._names(child)
            words = self._word_target(index)
            if kind == "session":
                location, minutes, people, fields = self._session(event, words, names)
            elif kind == "child_work":
                location, minutes, people, fields = self._child_work(
                    event, words, names, child, disclosure=index in self.plan.disclosures
                )
            else:
                location, minutes, people, fields = self._partner_support(
                    event, words, names, progress=index / max(1, n - 1)
                )
            final = rng.random() < FINAL_SHARE
            end = event + timedelta(minutes=minutes)
            if rng.random() < LATE_SHARE:
                written = end + timedelta(minutes=rng.randint(25 * 60, 14 * 24 * 60))
            else:
                written = end + timedelta(minutes=rng.randint(10, 8 * 60))
            if not final:
                for key in ("strengths", "safeguarding", "good_things", "decisions", "safety_plan"):
                    if key in fields and rng.random() < 0.3:
                        del fields[key]
            record: JSONDict = {
                "kind": kind,
                "event_at": _iso(event),
                "written_at": _iso(written),
                "location": location,
                "duration_minutes": minutes,
                "people": people,
                "status": "final" if final else "draft",
                "tags": sorted(
                    set(rng.choices(TAGS, k=rng.choices((0, 1, 2, 3), weights=(30, 40, 20, 10))[0]))
                ),
                "fields": fields,
            }
            if final and rng.random() < ADDENDUM_SHARE:
                addenda = []
                at = written
                for _ in range(rng.choices((1, 2), weights=(80, 20))[0]):
                    at += timedelta(minutes=rng.randint(60, 30 * 24 * 60))
                    addenda.append(
                        {"written_at": _iso(at), "text": self._text("addendum", 1, 3, names)}
                    )
                record["addenda"] = addenda
            attachments = []
            if index in self.plan.attachments:
                low, high = self.spec.attachment_bytes
                size = int(math.exp(rng.uniform(math.log(low), math.log(high))))
                # _noise_png may fall short of its target by one image row.
                size = max(size, low + 3 * _png_width(size) + 1)
                stem = "drawing" if kind == "child_work" else "scanned-letter"
                attachments.append(
                    _Attachment(
                        f"{stem}-{event:%Y-%m-%d}-{index + 1}.png",
                        "image/png",
                        _noise_png(rng, self.noise, size),
                    )
                )
            yield record, attachments

    def _session(
        self, event: datetime, words: int, names: dict[str, str]
    ) -> tuple[str, int, list[str], JSONDict]:
        rng = self.rng
        risk = rng.choices(RISK_LEVELS, weights=(50, 30, 15, 5))[0]
        if self.in_custody:
            location = rng.choices(("prison", "video", "phone"), weights=(85, 10, 5))[0]
        else:
            location = rng.choices(
                ("office", "home_visit", "video", "phone", "other"), weights=(50, 18, 14, 10, 8)
            )[0]
        people = [self.subject.key]
        if rng.random() < 0.15:
            people.append(rng.choice(self.professionals).key)
        presentation = (
            self._text("presentation", 1, 4, names) + " " + self._text(f"rts_{risk}", 1, 1, names)
        )
        fields: JSONDict = {
            "session_type": rng.choices(SESSION_TYPES, weights=(20, 45, 20, 15))[0],
            "purpose": self._text("purpose", 1, 1, names),
            "narrative": "",
            "presentation": presentation,
            "risk_to_self": risk,
            "risk_indicators": sorted(
                rng.sample(
                    RISK_INDICATORS, rng.choices((0, 1, 2, 3, 4), weights=(30, 30, 22, 12, 6))[0]
                ),
                key=RISK_INDICATORS.index,
            ),
            "strengths": self._text("strengths", 1, 3, names),
            "safeguarding": self._text("safeguarding", 1, 3, names),
            "next_session": (
                None
                if rng.random() < 0.15
                else (event.date() + timedelta(days=rng.randint(7, 28))).isoformat()
            ),
            "actions": self._actions(event.date(), names),
        }
        used = sum(
            len(str(fields[k]).split())
            for k in ("purpose", "presentation", "strengths", "safeguarding")
        )
        fields["narrative"] = self._long_text("session_bulk", max(40, words - used), names)
        minutes = rng.randrange(45, 151, 5)
        return location, minutes, people, fields

    def _child_work(
        self,
        event: datetime,
        words: int,
        names: dict[str, str],
        child: _Person,
        *,
        disclosure: bool,
    ) -> tuple[str, int, list[str], JSONDict]:
        rng = self.rng
        location = rng.choices(
            ("school", "home_visit", "other", "office"), weights=(40, 40, 15, 5)
        )[0]
        people = [child.key]
        if rng.random() < 0.3:
            people.append(self.partner.key)
        if rng.random() < 0.15:
            people.append(rng.choice(self.professionals).key)
        fields: JSONDict = {
            "child": child.key,
            "activity": rng.choices(ACTIVITIES, weights=(20, 25, 15, 15, 20, 5))[0],
            "childs_words": self._quotes(names),
            "worries": self._text("worries", 1, 3, names),
            "good_things": self._text("good_things", 1, 3, names),
            "wishes": self._text("wishes", 1, 2, names),
            "understanding": self._text("understanding", 1, 3, names),
            "disclosure": None,
            "observations": "",
            "actions": self._actions(event.date(), names),
        }
        if disclosure:
            said = event + timedelta(minutes=rng.randint(5, 30))
            informed = []
            at = said
            whos = [f"{p.call} (phone)" for p in self.professionals] + [
                f"{self.partner.call} (in person)",
                "Designated Safeguarding Lead (in person)",
                "Police offender manager (phone and email)",
                "My manager (phone)",
            ]
            for who in rng.sample(whos, rng.randint(2, 4)):
                at += timedelta(minutes=rng.randint(5, 90))
                informed.append({"who": who, "at": _iso(at)})
            fields["disclosure"] = {
                "verbatim": self._text("disclosure_verbatim", 1, 2, names),
                "at": _iso(said),
                "present": self._text("disclosure_present", 1, 1, names),
                "response": self._text("disclosure_response", 1, 1, names),
                "informed": informed,
            }
        used = sum(
            len(str(fields[k]).split())
            for k in ("childs_words", "worries", "good_things", "wishes", "understanding")
        )
        fields["observations"] = self._long_text("child_bulk", max(30, words - used), names)
        return location, rng.randrange(20, 76, 5), people, fields

    def _partner_support(
        self, event: datetime, words: int, names: dict[str, str], *, progress: float
    ) -> tuple[str, int, list[str], JSONDict]:
        rng = self.rng
        contact = rng.choices(CONTACT_TYPES, weights=(40, 25, 15, 12, 8))[0]
        location = {
            "visit": "home_visit" if rng.random() < 0.85 else "other",
            "phone": "phone",
            "office": "office",
            "video": "video",
            "message": "other",
        }[contact]
        if rng.random() < 0.05:
            stage = "other"
        else:
            position = int(progress * len(FEELINGS_STAGES) + rng.gauss(0, 0.8))
            stage = FEELINGS_STAGES[min(len(FEELINGS_STAGES) - 1, max(0, position))]
        people = [self.partner.key]
        if self.family and rng.random() < 0.15:
            people.append(rng.choice(self.family).key)
        if rng.random() < 0.1:
            people.append(rng.choice(self.professionals).key)
        fields: JSONDict = {
            "partner": self.partner.key,
            "contact_type": contact,
            "feelings_stage": stage,
            "feelings": "",
            "information_given": "",
            "decisions": self._text("decisions", 1, 3, names),
            "understanding_of_risk": self._text("understanding_of_risk", 1, 3, names),
            "protective_capacity": self._text("protective_capacity", 1, 3, names),
            "safety_plan": self._text("safety_plan", 1, 4, names),
            "wellbeing": "",
            "actions": self._actions(event.date(), names),
        }
        used = sum(
            len(str(fields[k]).split())
            for k in ("decisions", "understanding_of_risk", "protective_capacity", "safety_plan")
        )
        rest = max(60, words - used)
        feelings = self._sentences(f"feelings_{stage}", rng.randint(2, 4))
        information = self._sentences("information_given", rng.randint(1, 4))
        fields["feelings"] = self._long_text("partner_bulk", rest * 55 // 100, names, feelings)
        fields["information_given"] = self._long_text(
            "partner_bulk", rest * 30 // 100, names, information
        )
        wellbeing = self._sentences("wellbeing", rng.randint(1, 3))
        fields["wellbeing"] = self._long_text("partner_bulk", rest * 15 // 100, names, wellbeing)
        minutes = {"message": (5, 20), "phone": (10, 45)}.get(contact, (30, 120))
        return location, rng.randrange(minutes[0], minutes[1] + 1, 5), people, fields


# =========================================================================== documents


@dataclass(frozen=True)
class _Source:
    """Everything a caseload is made from, derived from (size, seed)."""

    spec: SizeSpec
    seed: int
    plans: list[_CasePlan]
    banks: dict[str, _Bank]
    noise: bytes

    @classmethod
    def create(cls, size: str, seed: int) -> _Source:
        try:
            spec = SIZES[size]
        except KeyError:
            raise ValueError(f"unknown size {size!r}: choose one of {', '.join(SIZES)}") from None
        rng = Random(f"casebook-bench:{seed}:vocabulary")
        banks = _build_banks(rng, stream_length=min(400_000, max(40_000, spec.records * 4)))
        noise = rng.randbytes(1 << 22)
        return cls(spec, seed, _plan(spec, seed), banks, noise)

    def cases(self) -> Iterator[_CaseWriter]:
        for plan in self.plans:
            yield _CaseWriter(plan, self.seed, self.banks, self.noise, self.spec)

    def reflections(self) -> list[JSONDict]:
        rng = Random(f"casebook-bench:{self.seed}:reflections")
        bank = self.banks["reflection"]
        span = (DATA_END - DATA_START).days
        moments = sorted(
            datetime.combine(DATA_START + timedelta(days=rng.randrange(span)), datetime.min.time())
            + timedelta(hours=rng.randint(17, 21), minutes=rng.randrange(60))
            for _ in range(self.spec.reflections)
        )
        return [
            {
                "written_at": _iso(at),
                "text": " ".join(
                    dict.fromkeys(
                        rng.choices(bank.sentences, bank.cum_weights, k=rng.randint(2, 5))
                    )
                ),
            }
            for at in moments
        ]


def generate(size: str, seed: int = 1) -> JSONDict:
    """Generate a caseload in memory.

    Args:
        size: A key of `SIZES`: "small" or "large". "large" needs several GB of memory;
            use `write()` for it.
        seed: Any integer; the same seed always gives the same caseload.

    Returns:
        The casebook/1 document, equal to `json.load` of what `write()` writes.

    Raises:
        ValueError: The size is not a key of `SIZES`.
    """
    source = _Source.create(size, seed)
    cases = []
    for case in source.cases():
        header = case.header()
        records = []
        for record, attachments in case.records():
            if attachments:
                record["attachments"] = [a.to_json() for a in attachments]
            records.append(record)
        header["records"] = records
        cases.append(header)
    return {"format": FORMAT, "cases": cases, "reflections": source.reflections()}


def _dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def _record_chunks(record: JSONDict, attachments: Sequence[_Attachment]) -> Iterator[bytes]:
    """One record as JSON, in pieces: attachment data is base64-encoded straight to bytes
    rather than through the JSON encoder, and comes last."""
    body = _dumps(record)
    if not attachments:
        yield body
        return
    yield body[:-1] + b', "attachments": ['
    for i, attachment in enumerate(attachments):
        yield (b", " if i else b"") + b'{"name": ' + _dumps(attachment.name)
        yield b', "media_type": ' + _dumps(attachment.media_type) + b', "data_base64": "'
        yield base64.b64encode(attachment.data)
        yield b'"}'
    yield b"]}"


def _case_chunks(case: _CaseWriter) -> Iterator[bytes]:
    """One case as JSON, in pieces, one record at a time."""
    yield _dumps(case.header())[:-1] + b', "records": ['
    for number, (record, attachments) in enumerate(case.records()):
        yield b",\n" if number else b"\n"
        yield from _record_chunks(record, attachments)
    yield b"\n]}"


def write(size: str, path: str | os.PathLike[str], seed: int = 1) -> None:
    """Write a caseload to a file as UTF-8 JSON, streaming.

    Only one record and its attachments are in memory at a time, and the file appears at
    `path` only when complete (it is written beside it and renamed). The bytes depend on
    `size` and `seed` alone.

    Args:
        size: A key of `SIZES`: "small" or "large".
        path: The JSON file to write.
        seed: Any integer; the same seed always gives the same caseload.

    Raises:
        ValueError: The size is not a key of `SIZES`.
    """
    source = _Source.create(size, seed)
    target = Path(path)
    partial = target.with_name(target.name + ".partial")
    with open(partial, "wb") as out:
        out.write(b'{"format": ' + _dumps(FORMAT) + b', "cases": [')
        for number, case in enumerate(source.cases()):
            out.write(b",\n" if number else b"\n")
            for chunk in _case_chunks(case):
                out.write(chunk)
        out.write(b'\n], "reflections": ' + _dumps(source.reflections()) + b"}\n")
    os.replace(partial, target)


# =========================================================================== queries


def _fold(text: str) -> str:
    """Text without accents, as people often type names: "Łukasz" -> "Lukasz"."""
    special = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "ø": "o"})  # noqa: RUF001
    decomposed = unicodedata.normalize("NFKD", text.translate(special))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_DOMAIN_WORDS = (
    "minimisation",
    "denial",
    "disclosure",
    "safeguarding",
    "wellbeing",
    "contact",
    "breach",
    "school",
    "interpreter",
    "prison",
    "supervision",
    "bail",
    "court",
    "GP",
    "suicide",
    "anger",
    "acceptance",
    "drawing",
    "worries",
    "bedtime",
    "alcohol",
    "hostel",
    "programme",
    "warning",
    "shame",
    "CAMHS",
    "conference",
    "housing",
    "homework",
    "nightmares",
    "probation",
)
_PHRASES = (
    "safety plan",
    "supervised contact",
    "three houses",
    "wishes and feelings",
    "risk to self",
    "core group",
    "strategy discussion",
    "bail conditions",
    "Good Lives",
    "written agreement",
    "contact centre",
    "trusted adult",
    "police offender manager",
    "crisis plan",
    "warning signs",
    "offence chain",
    "crisis line",
    "wellbeing screen",
    "relapse prevention",
    "not my fault",
    "grown-up stuff",
    "Kestrel Road Family Centre",
    "Larkspur Primary",
    "family court",
    "charging decision",
    "allocated social worker",
    "internet use agreement",
    "passing thoughts of suicide",
    "sleeping better",
    "information-sharing agreement",
)


def search_queries(seed: int = 1) -> list[str]:
    """Search-as-you-type queries for benchmarking search.

    About a third are 1-3 character prefixes (typed on the way to a name or term); the
    rest are whole names (in several scripts, and without accents as often typed),
    single social-work terms and multi-word phrases, all drawn from the vocabulary and
    name lists the generator uses, so most of them find something.

    Args:
        seed: Any integer; the same seed always gives the same queries.

    Returns:
        200 distinct queries, in the order a benchmark should run them.
    """
    rng = Random(f"casebook-bench:{seed}:queries")
    first_names: list[str] = []
    surnames: list[str] = []
    for culture in CULTURES.values():
        for written, latin in culture.male + culture.female:
            first_names.extend({written, latin})
        for male, female, latin_male, latin_female in culture.surnames:
            surnames.extend(dict.fromkeys((male, female, latin_male, latin_female)))
    words = first_names + surnames + list(_DOMAIN_WORDS)

    def name_query() -> str:
        choice = rng.random()
        if choice < 0.35:
            return rng.choice(first_names)
        if choice < 0.6:
            return rng.choice(surnames)
        if choice < 0.8:
            return f"{rng.choice(first_names)} {rng.choice(surnames)}"
        return _fold(rng.choice(first_names + surnames)).lower()

    def prefix() -> str:
        typed = rng.choice(words)[: rng.randint(1, 3)]
        return typed.lower() if rng.random() < 0.7 else typed

    def phrase() -> str:
        if rng.random() < 0.7:
            return rng.choice(_PHRASES)
        return f"{rng.choice(first_names)} {rng.choice(_PHRASES)}"

    makers: list[tuple[float, Callable[[], str]]] = [
        (0.34, prefix),
        (0.24, name_query),
        (0.20, lambda: rng.choice(_DOMAIN_WORDS)),
        (0.22, phrase),
    ]
    cumulative = []
    total = 0.0
    for share, _ in makers:
        total += share
        cumulative.append(total)
    queries: dict[str, None] = {}
    while len(queries) < 200:
        maker = makers[min(len(makers) - 1, bisect.bisect(cumulative, rng.random() * total))][1]
        query = maker().strip()
        if query:
            queries.setdefault(query, None)
    return list(queries)


QUERIES: tuple[str, ...] = tuple(search_queries(1))
"""The benchmark's standard queries: `search_queries(1)`."""


# =========================================================================== command line


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: `python bench/generate.py --size small|large [--seed N] -o FILE.json`.

    Args:
        argv: The arguments; `sys.argv[1:]` when None.

    Returns:
        The exit status (0).
    """
    parser = argparse.ArgumentParser(description="Write a synthetic casebook/1 caseload.")
    parser.add_argument("--size", required=True, choices=sorted(SIZES))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", required=True, type=Path, help="JSON file to write")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    write(args.size, args.output, args.seed)
    elapsed = time.perf_counter() - started
    spec = SIZES[args.size]
    megabytes = args.output.stat().st_size / 1e6
    print(
        f"{args.output}: {spec.cases} cases, {spec.records} records, "
        f"{spec.attachments} attachments, {megabytes:,.1f} MB in {elapsed:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
