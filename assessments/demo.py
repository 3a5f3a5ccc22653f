# ruff: noqa: E501  (long texts: each language on its own line)
"""Demo assessments, in Tajik (source) with Russian and English translations:

- orientation course: a pre-test (first lesson), a quiz in the lesson on
  documents, and the final post-test, both tests drawn from the same bank;
- trainer course: the certification exam and the practical assessment rubric.

The questions follow the demo lessons (cms/demo_content): keep your own
passport, registration rules differ by country, 112 and 102, HIV/TB, signs of
trafficking, the MRC at Borbad street 71. Idempotent: what exists is left alone.
Called by `manage.py demo_load` after cms.demo.load_pages()."""

from __future__ import annotations

import uuid

from django.db import transaction
from wagtail.models import Locale

from cms.demo_content.common import L
from cms.models import LessonPage
from cms.translation import translation_apply
from courses.tracks import Track

from .models import Question, QuestionBank, Quiz, Rubric

SOURCE = "tg"
LANGUAGES = ("ru", "en")
NS = uuid.UUID("0c8d2b8e-6a8e-4d0e-9a53-5b1f0e0a7a11")

ORIENTATION_BANK = "Тайёрӣ пеш аз сафар / Pre-departure orientation"
TRAINER_BANK = "Тренерҳо / Trainer certification"

TRUE_FALSE = "true_false"


def C(text, correct=False, match=None, feedback=None):  # noqa: N802
    return {"text": text, "correct": correct, "match": match, "feedback": feedback}


QUESTIONS = [
    # --- orientation bank --------------------------------------------------------------
    {
        "key": "passport-keep",
        "bank": ORIENTATION_BANK,
        "topic": "documents",
        "kind": "single",
        "text": L(
            "Корфармо мехоҳад шиносномаи шуморо «барои нигоҳ доштан» гирад. Чӣ кор мекунед?",
            "Работодатель хочет забрать ваш паспорт «на хранение». Что вы сделаете?",
            "Your employer wants to keep your passport “for safekeeping”. What do you do?",
        ),
        "choices": [
            C(
                L(
                    "Шиносномаро ба худ нигоҳ медорам ва нусхаи онро медиҳам",
                    "Оставлю паспорт у себя и дам копию",
                    "Keep the passport myself and give a copy",
                ),
                True,
                feedback=L(
                    "Дуруст: корфармо ҳақ надорад шиносномаи шуморо нигоҳ дорад.",
                    "Верно: работодатель не имеет права держать ваш паспорт.",
                    "Right: an employer may not keep your passport.",
                ),
            ),
            C(
                L(
                    "Шиносномаро медиҳам, агар ӯ хоҳиш кунад",
                    "Отдам паспорт, если он просит",
                    "Hand it over if asked",
                ),
                feedback=L(
                    "Не: бе шиноснома шумо ҳимоя надоред ва вобаста мешавед.",
                    "Нет: без паспорта вы беззащитны и зависимы.",
                    "No: without your passport you are unprotected and dependent.",
                ),
            ),
            C(
                L(
                    "Шиносномаро ба ҳамкорам медиҳам",
                    "Отдам паспорт коллеге",
                    "Give it to a co-worker",
                )
            ),
        ],
        "explanation": L(
            "Шиносномаро ҳеҷ гоҳ ба корфармо ё миёнарав надиҳед: ин аломати хавфи хариду фурӯши одамон аст.",
            "Никогда не отдавайте паспорт работодателю или посреднику: это признак риска торговли людьми.",
            "Never hand your passport to an employer or an agent: it is a warning sign of trafficking.",
        ),
    },
    {
        "key": "documents-copies",
        "bank": ORIENTATION_BANK,
        "topic": "documents",
        "kind": "multiple",
        "text": L(
            "Пеш аз сафар кадом корҳоро бояд кард? Ҳамаи ҷавобҳои дурустро қайд кунед.",
            "Что нужно сделать перед отъездом? Отметьте все верные ответы.",
            "What should you do before you leave? Tick every right answer.",
        ),
        "choices": [
            C(
                L(
                    "Аз ҳуҷҷатҳо нусха гирифта, дар хона гузоштан",
                    "Сделать копии документов и оставить их дома",
                    "Copy your documents and leave the copies at home",
                ),
                True,
            ),
            C(
                L(
                    "Шартномаи хаттии корро гирифтан",
                    "Получить письменный трудовой договор",
                    "Get a written employment contract",
                ),
                True,
            ),
            C(
                L(
                    "Рақамҳои МЗМ ва сафоратро навиштан",
                    "Записать телефоны РЦМ и посольства",
                    "Write down the numbers of the MRC and the embassy",
                ),
                True,
            ),
            C(
                L(
                    "Шиносномаро ба миёнарав супоридан",
                    "Отдать паспорт посреднику",
                    "Give your passport to the agent",
                ),
                feedback=L("Ин хатарнок аст.", "Это опасно.", "This is dangerous."),
            ),
        ],
    },
    {
        "key": "registration-same-everywhere",
        "bank": ORIENTATION_BANK,
        "topic": "permits",
        "kind": TRUE_FALSE,
        "text": L(
            "Мӯҳлати бақайдгирии муҳоҷир дар ҳамаи кишварҳо якхела аст.",
            "Срок регистрации мигранта одинаков во всех странах.",
            "The deadline for a migrant's registration is the same in every country.",
        ),
        "true_false": False,
        "explanation": L(
            "Мӯҳлат ва тартиб аз кишвар вобаста аст ва тағйир меёбад: пеш аз сафар аз МЗМ ё сафорат пурсед.",
            "Срок и порядок зависят от страны и меняются: спросите в РЦМ или посольстве до отъезда.",
            "The deadline and procedure depend on the country and change: ask the MRC or the embassy before you leave.",
        ),
    },
    {
        "key": "work-permit-first",
        "bank": ORIENTATION_BANK,
        "topic": "permits",
        "kind": "single",
        "text": L(
            "Кай кор кардан қонунӣ аст?",
            "Когда работа законна?",
            "When is working legal?",
        ),
        "choices": [
            C(
                L(
                    "Вақте ки иҷозати кор (патент) ва шартнома ҳаст",
                    "Когда есть разрешение на работу (патент) и договор",
                    "When you have a work permit (patent) and a contract",
                ),
                True,
            ),
            C(
                L(
                    "Вақте ки корфармо шифоҳӣ ваъда додааст",
                    "Когда работодатель устно пообещал",
                    "When the employer promised it orally",
                )
            ),
            C(
                L(
                    "Вақте ки дӯстон низ ҳамин тавр кор мекунанд",
                    "Когда друзья работают так же",
                    "When your friends work the same way",
                )
            ),
        ],
    },
    {
        "key": "emergency-number",
        "bank": ORIENTATION_BANK,
        "topic": "help",
        "kind": "number",
        "text": L(
            "Рақами ягонаи хадамоти фавқулода дар Русия ва Қазоқистон кадом аст?",
            "Какой единый номер экстренных служб в России и Казахстане?",
            "What is the emergency number in Russia and Kazakhstan?",
        ),
        "number": 112,
        "tolerance": 0,
        "explanation": L(
            "112 — рақами ягонаи ёрии таъҷилӣ.",
            "112 — единый номер экстренных служб.",
            "112 is the single emergency number.",
        ),
    },
    {
        "key": "mrc-street",
        "bank": ORIENTATION_BANK,
        "topic": "help",
        "kind": "short_text",
        "text": L(
            "МЗМ дар Душанбе дар кадом кӯча ҷойгир аст? (танҳо номи кӯча)",
            "На какой улице в Душанбе находится РЦМ? (только название улицы)",
            "On which street in Dushanbe is the MRC? (the street's name only)",
        ),
        "accepted": L(
            "Борбад\nкӯчаи Борбад\nBorbad",
            "Борбад\nулица Борбад\nBorbad",
            "Borbad\nBorbad street\nБорбад",
        ),
        "explanation": L(
            "Кӯчаи Борбад 71, ошёнаи 5.",
            "Улица Борбад 71, 5-й этаж.",
            "Borbad street 71, 5th floor.",
        ),
    },
    {
        "key": "tb-curable",
        "bank": ORIENTATION_BANK,
        "topic": "health",
        "kind": TRUE_FALSE,
        "text": L(
            "Бемории сил (туберкулёз) бо табобати пурра шифо меёбад.",
            "Туберкулёз излечим при полном курсе лечения.",
            "Tuberculosis can be cured with a full course of treatment.",
        ),
        "true_false": True,
        "explanation": L(
            "Табобатро то охир гузаронед, ҳатто агар худро беҳтар ҳис кунед.",
            "Пройдите лечение до конца, даже если стало лучше.",
            "Finish the treatment, even when you feel better.",
        ),
    },
    {
        "key": "hiv-transmission",
        "bank": ORIENTATION_BANK,
        "topic": "health",
        "kind": "multiple",
        "text": L(
            "ВНМО чӣ тавр мегузарад? Ҳамаи ҷавобҳои дурустро қайд кунед.",
            "Как передаётся ВИЧ? Отметьте все верные ответы.",
            "How is HIV passed on? Tick every right answer.",
        ),
        "choices": [
            C(L("Алоқаи ҷинсии бе рифола", "Незащищённый секс", "Sex without a condom"), True),
            C(L("Сӯзандоруи умумӣ", "Общие шприцы", "Shared needles"), True),
            C(
                L("Дастфишорӣ", "Рукопожатие", "Shaking hands"),
                feedback=L(
                    "Не: ВНМО бо тамос дар ҳаёти ҳаррӯза намегузарад.",
                    "Нет: ВИЧ не передаётся при бытовых контактах.",
                    "No: HIV is not passed on by everyday contact.",
                ),
            ),
            C(L("Хӯроки умумӣ", "Общая еда", "Sharing food")),
        ],
        "partial_credit": "proportional",
    },
    {
        "key": "trafficking-signs",
        "bank": ORIENTATION_BANK,
        "topic": "trafficking",
        "kind": "matching",
        "text": L(
            "Ҳар вазъиятро бо он чӣ бояд кард мувофиқ кунед.",
            "Сопоставьте каждую ситуацию с тем, что нужно сделать.",
            "Match each situation with what to do.",
        ),
        "choices": [
            C(
                L(
                    "Дар кишвари дигар ба шумо зӯроварӣ мекунанд",
                    "За границей вам угрожает насилие",
                    "You face violence abroad",
                ),
                match=L("Ба 112 занг занед", "Позвоните 112", "Call 112"),
            ),
            C(
                L(
                    "Дар Тоҷикистон ба милитсия ниёз доред",
                    "Вам нужна милиция в Таджикистане",
                    "You need the police in Tajikistan",
                ),
                match=L("Ба 102 занг занед", "Позвоните 102", "Call 102"),
            ),
            C(
                L(
                    "Пеш аз сафар маслиҳат лозим аст",
                    "Нужен совет перед отъездом",
                    "You need advice before leaving",
                ),
                match=L("Ба МЗМ муроҷиат кунед", "Обратитесь в РЦМ", "Contact the MRC"),
            ),
        ],
    },
    {
        "key": "safe-steps-order",
        "bank": ORIENTATION_BANK,
        "topic": "documents",
        "kind": "ordering",
        "text": L(
            "Қадамҳои сафари бехатарро бо тартиб гузоред.",
            "Расставьте шаги безопасной поездки по порядку.",
            "Put the steps of a safe journey in order.",
        ),
        "choices": [
            C(
                L(
                    "Маълумот гирифтан дар МЗМ",
                    "Получить информацию в РЦМ",
                    "Get information at the MRC",
                )
            ),
            C(
                L(
                    "Шартнома ва ҳуҷҷатҳоро тайёр кардан",
                    "Подготовить договор и документы",
                    "Prepare the contract and documents",
                )
            ),
            C(L("Аз сарҳад гузаштан", "Пересечь границу", "Cross the border")),
            C(
                L(
                    "Дар ҷои истиқомат ба қайд гирифтан",
                    "Встать на учёт по месту пребывания",
                    "Register where you stay",
                )
            ),
        ],
    },
    # --- trainer bank --------------------------------------------------------------------
    {
        "key": "session-plan",
        "bank": TRAINER_BANK,
        "topic": "sessions",
        "kind": "single",
        "text": L(
            "Машғулоти пеш аз сафар бо чӣ бояд оғоз шавад?",
            "С чего должно начинаться занятие перед отъездом?",
            "How should a pre-departure session start?",
        ),
        "choices": [
            C(
                L(
                    "Бо мақсадҳо ва пурсидани таҷрибаи иштирокчиён",
                    "С целей и вопроса об опыте участников",
                    "With the aims and asking about the participants' experience",
                ),
                True,
            ),
            C(
                L(
                    "Бо лексияи дарози ҳуқуқӣ",
                    "С длинной юридической лекции",
                    "With a long legal lecture",
                )
            ),
            C(L("Бо санҷиши ниҳоӣ", "С итогового теста", "With the final test")),
        ],
    },
    {
        "key": "referral-returnee",
        "bank": TRAINER_BANK,
        "topic": "referral",
        "kind": "single",
        "text": L(
            "Муҳоҷири баргашта кор ва касб меҷӯяд. Тренер чӣ кор мекунад?",
            "Вернувшийся мигрант ищет работу и профессию. Что делает тренер?",
            "A returning migrant is looking for work and a trade. What does the trainer do?",
        ),
        "choices": [
            C(
                L(
                    "Ӯро ба МЗМ ё маркази Хадамоти муҳоҷират равона мекунад",
                    "Направляет его в РЦМ или центр Миграционной службы",
                    "Refers them to the MRC or the Migration Service centre",
                ),
                True,
            ),
            C(
                L(
                    "Ба ӯ кори шахсӣ пешниҳод мекунад",
                    "Предлагает ему личную работу",
                    "Offers them a private job",
                )
            ),
            C(
                L(
                    "Мегӯяд, ки боз ба хориҷа равад",
                    "Советует снова уехать за границу",
                    "Tells them to go abroad again",
                )
            ),
        ],
    },
    {
        "key": "confidentiality",
        "bank": TRAINER_BANK,
        "topic": "counselling",
        "kind": TRUE_FALSE,
        "text": L(
            "Тренер метавонад ҳолати ВНМО-и иштирокчиро бе розигии ӯ ба дигарон гӯяд.",
            "Тренер может сообщить другим о ВИЧ-статусе участника без его согласия.",
            "A trainer may tell others a participant's HIV status without their consent.",
        ),
        "true_false": False,
    },
    {
        "key": "participants-number",
        "bank": TRAINER_BANK,
        "topic": "sessions",
        "kind": "number",
        "text": L(
            "Барои машғулоти гурӯҳӣ то чанд нафар иштирокчиро тавсия медиҳем? (рақам)",
            "Сколько участников мы рекомендуем на групповое занятие максимум? (число)",
            "At most how many participants do we recommend for a group session? (a number)",
        ),
        "number": 20,
        "tolerance": 5,
        "explanation": L(
            "Тақрибан 15–25 нафар.", "Примерно 15–25 человек.", "About 15 to 25 people."
        ),
    },
    {
        "key": "session-order",
        "bank": TRAINER_BANK,
        "topic": "sessions",
        "kind": "ordering",
        "text": L(
            "Қисмҳои машғулотро бо тартиб гузоред.",
            "Расставьте части занятия по порядку.",
            "Put the parts of a session in order.",
        ),
        "choices": [
            C(L("Шиносоӣ ва мақсадҳо", "Знакомство и цели", "Introductions and aims")),
            C(L("Маълумот ва мисолҳо", "Информация и примеры", "Information and examples")),
            C(L("Саволу ҷавоб", "Вопросы и ответы", "Questions and answers")),
            C(L("Рақамҳои ёрӣ ва ҷамъбаст", "Телефоны помощи и итоги", "Help numbers and summary")),
        ],
    },
]

QUIZZES = [
    {
        "key": "orientation-pre",
        "track": Track.MIGRANT,
        "title": L("Санҷиши пешакӣ", "Входной тест", "Pre-test"),
        "intro": L(
            "Пеш аз дарсҳо бубинед, ки чӣ медонед. Натиҷа ба гузаштани курс таъсир намерасонад.",
            "Перед уроками проверьте, что вы уже знаете. Результат не влияет на прохождение курса.",
            "See what you already know before the lessons. The result does not count for passing.",
        ),
        "draw": [(ORIENTATION_BANK, "", 5)],
        "pass_mark": 0,
        "max_attempts": 1,
        "time_limit_minutes": None,
        "show_answers": Quiz.ShowAnswers.NEVER,
    },
    {
        "key": "orientation-documents",
        "track": Track.MIGRANT,
        "title": L(
            "Санҷиши худ: ҳуҷҷатҳо", "Проверьте себя: документы", "Check yourself: documents"
        ),
        "intro": L("", "", ""),
        "fixed": ["passport-keep", "documents-copies", "safe-steps-order"],
        "pass_mark": 60,
        "max_attempts": 0,
        "time_limit_minutes": None,
        "show_answers": Quiz.ShowAnswers.AFTER_EACH,
    },
    {
        "key": "orientation-final",
        "track": Track.MIGRANT,
        "title": L("Санҷиши ниҳоӣ", "Итоговый тест", "Final check"),
        "intro": L(
            "Саволҳо аз ҳамон бонки санҷиши пешакӣ гирифта мешаванд: пешрафти худро бинед.",
            "Вопросы из того же банка, что и входной тест: увидите свой прогресс.",
            "The questions come from the same bank as the pre-test: see how much you learned.",
        ),
        "draw": [(ORIENTATION_BANK, "", 8)],
        "pass_mark": 70,
        "max_attempts": 3,
        "time_limit_minutes": 20,
        "show_answers": Quiz.ShowAnswers.AFTER_PASS,
    },
    {
        "key": "trainer-certification",
        "track": Track.STAFF,
        "title": L(
            "Имтиҳони сертификатсияи тренер",
            "Сертификационный экзамен тренера",
            "Trainer certification exam",
        ),
        "intro": L(
            "Саволҳо дар бораи гузаронидани машғулот, машварат ва равонакунӣ.",
            "Вопросы о проведении занятий, консультировании и перенаправлении.",
            "Questions on running sessions, counselling and referral.",
        ),
        "draw": [(TRAINER_BANK, "", 5)],
        "pass_mark": 80,
        "max_attempts": 2,
        "time_limit_minutes": 15,
        "show_answers": Quiz.ShowAnswers.AFTER_LAST,
    },
]

LEVELS = [
    (L("Ҳанӯз не", "Пока нет", "Not yet"), 0),
    (L("Қаноатбахш", "Удовлетворительно", "Adequate"), 1),
    (L("Хуб", "Хорошо", "Good"), 2),
]

RUBRIC = {
    "key": "trainer-practical",
    "title": L("Машғулоти мушоҳидашуда", "Наблюдаемое занятие", "Observed pre-departure session"),
    "intro": L(
        "Арзёб машғулоти пеш аз сафари тренерро мушоҳида мекунад.",
        "Оценщик наблюдает занятие тренера перед отъездом мигрантов.",
        "The assessor observes the trainee running a pre-departure session.",
    ),
    "criteria": [
        (
            L("Нақша ва мақсадҳо", "План и цели", "Plan and aims"),
            [
                L(
                    "Нақша нест, мақсадҳо номаълум.",
                    "Плана нет, цели неясны.",
                    "No plan; the aims are unclear.",
                ),
                L(
                    "Нақша ҳаст, мақсадҳо гуфта шуданд.",
                    "План есть, цели названы.",
                    "A plan; the aims are stated.",
                ),
                L(
                    "Нақшаи равшан, вақт риоя шуд.",
                    "Чёткий план, время соблюдено.",
                    "A clear plan, kept to time.",
                ),
            ],
        ),
        (
            L("Дурустии маълумот", "Точность информации", "Accurate information"),
            [
                L("Хатоҳои ҷиддӣ.", "Серьёзные ошибки.", "Serious mistakes."),
                L("Асосан дуруст.", "В основном верно.", "Mostly accurate."),
                L(
                    "Дуруст, бо манбаъҳо.",
                    "Верно, со ссылками на источники.",
                    "Accurate, with sources.",
                ),
            ],
        ),
        (
            L("Ҷалби иштирокчиён", "Вовлечение участников", "Engaging participants"),
            [
                L("Танҳо лексия.", "Только лекция.", "Lecture only."),
                L("Якчанд савол.", "Несколько вопросов.", "Some questions."),
                L("Мубоҳиса ва машқҳо.", "Обсуждение и упражнения.", "Discussion and exercises."),
            ],
        ),
        (
            L(
                "Рақамҳои ёрӣ ва равонакунӣ",
                "Телефоны помощи и перенаправление",
                "Help numbers and referral",
            ),
            [
                L("Гуфта нашуданд.", "Не названы.", "Not given."),
                L("Баъзеашон гуфта шуданд.", "Названы некоторые.", "Some given."),
                L("Ҳама, бо варақа.", "Все, с раздаточным материалом.", "All, with a hand-out."),
            ],
        ),
    ],
    "pass_min_total": 5,
    "pass_no_lowest_level": True,
}

# Where the quizzes go: lesson slug -> (quiz key, role, where in the body).
PLACEMENT = {
    "why-prepare": ("orientation-pre", "pre", "first"),
    "documents-to-take": ("orientation-documents", "lesson", "last"),
    "reintegration": ("orientation-final", "final", "existing"),
    "trainer-final-exam": ("trainer-certification", "final", "existing"),
}
PRACTICAL_LESSON = "trainer-final-exam"


def _id(*parts) -> str:
    return str(uuid.uuid5(NS, "/".join(parts)))


def _locale(code):
    return Locale.objects.get(language_code=code)


def _pick(value, lang):
    return value[lang] if isinstance(value, dict) else value


def _question_fields(spec, lang, banks):
    choices = []
    for index, choice in enumerate(spec.get("choices", [])):
        choices.append(
            {
                "type": "choice",
                "id": _id("q", spec["key"], str(index)),
                "value": {
                    "text": _pick(choice["text"], lang),
                    "correct": choice["correct"],
                    "match": _pick(choice["match"], lang) if choice["match"] else "",
                    "feedback": _pick(choice["feedback"], lang) if choice["feedback"] else "",
                },
            }
        )
    return {
        "bank": banks[spec["bank"]],
        "topic": spec["topic"],
        "kind": spec["kind"],
        "text": _pick(spec["text"], lang),
        "choices": choices,
        "partial_credit": spec.get("partial_credit", Question.PartialCredit.PROPORTIONAL),
        "true_false_answer": spec.get("true_false", False),
        "accepted_answers": _pick(spec["accepted"], lang) if "accepted" in spec else "",
        "number_answer": spec.get("number"),
        "number_tolerance": spec.get("tolerance", 0),
        "explanation": _pick(spec["explanation"], lang) if "explanation" in spec else "",
    }


def _translate(obj, fields_for):
    for lang in LANGUAGES:
        locale = _locale(lang)
        if not obj.has_translation(locale):
            translation_apply(
                source_instance=obj,
                locale=locale,
                translated_instance=type(obj)(**fields_for(lang)),
            )


def _questions(banks) -> dict[str, Question]:
    tg = _locale(SOURCE)
    questions = {}
    for spec in QUESTIONS:
        text = _pick(spec["text"], SOURCE)
        question = Question.objects.filter(locale=tg, text=text).first()
        if question is None:
            question = Question(locale=tg, **_question_fields(spec, SOURCE, banks))
            question.full_clean()
            question.save()
        _translate(question, lambda lang, spec=spec: _question_fields(spec, lang, banks))
        questions[spec["key"]] = question
    return questions


def _quizzes(banks, questions) -> dict[str, Quiz]:
    tg = _locale(SOURCE)
    quizzes = {}
    for spec in QUIZZES:
        items = [
            {"type": "question", "id": _id("quiz", spec["key"], key), "value": questions[key].pk}
            for key in spec.get("fixed", [])
        ]
        items += [
            {
                "type": "draw",
                "id": _id("quiz", spec["key"], "draw", bank),
                "value": {"bank": banks[bank].pk, "topic": topic, "count": count},
            }
            for bank, topic, count in spec.get("draw", [])
        ]

        def fields(lang, spec=spec, items=items):
            return {
                "title": _pick(spec["title"], lang),
                "key": spec["key"],
                "track": spec["track"],
                "intro": _pick(spec["intro"], lang),
                "questions": items,
                "pass_mark": spec["pass_mark"],
                "max_attempts": spec["max_attempts"],
                "time_limit_minutes": spec["time_limit_minutes"],
                "show_answers": spec["show_answers"],
            }

        quiz = Quiz.objects.filter(locale=tg, key=spec["key"]).first()
        if quiz is None:
            quiz = Quiz.objects.create(locale=tg, **fields(SOURCE))
        _translate(quiz, fields)
        quizzes[spec["key"]] = quiz
    return quizzes


def _rubric() -> Rubric:
    def fields(lang):
        criteria = []
        for c_index, (name, descriptors) in enumerate(RUBRIC["criteria"]):
            levels = [
                {
                    "type": "item",
                    "id": _id("rubric", str(c_index), str(l_index)),
                    "value": {
                        "label": _pick(LEVELS[l_index][0], lang),
                        "descriptor": _pick(descriptor, lang),
                        "points": LEVELS[l_index][1],
                    },
                }
                for l_index, descriptor in enumerate(descriptors)
            ]
            criteria.append(
                {
                    "type": "criterion",
                    "id": _id("rubric", str(c_index)),
                    "value": {"name": _pick(name, lang), "description": "", "levels": levels},
                }
            )
        return {
            "title": _pick(RUBRIC["title"], lang),
            "key": RUBRIC["key"],
            "intro": _pick(RUBRIC["intro"], lang),
            "criteria": criteria,
            "pass_min_total": RUBRIC["pass_min_total"],
            "pass_no_lowest_level": RUBRIC["pass_no_lowest_level"],
        }

    tg = _locale(SOURCE)
    rubric = Rubric.objects.filter(locale=tg, key=RUBRIC["key"]).first()
    if rubric is None:
        rubric = Rubric.objects.create(locale=tg, **fields(SOURCE))
    _translate(rubric, fields)
    return rubric


def _localized_pk(obj, locale) -> int:
    found = type(obj).objects.filter(translation_key=obj.translation_key, locale=locale).first()
    return (found or obj).pk


def _place(slug: str, block_type: str, value_for, where: str) -> None:
    """Put a quiz/practical block in the lesson `slug` in every language (the
    same block id in all, so translations stay paired). Changes nothing when
    the block is already there."""
    source = LessonPage.objects.filter(slug=slug, locale__language_code=SOURCE).first()
    if source is None:
        return
    for lesson in LessonPage.objects.filter(translation_key=source.translation_key):
        data = list(lesson.body.raw_data)
        value = value_for(lesson.locale)
        block_id = _id("block", slug, block_type)
        changed = False
        if where == "existing":
            for item in data:
                if item["type"] == block_type and item["value"] != value:
                    item["value"] = value
                    changed = True
        elif not any(item.get("id") == block_id for item in data):
            block = {"type": block_type, "value": value, "id": block_id}
            data = [block, *data] if where == "first" else [*data, block]
            changed = True
        if changed:
            lesson.body = data
            lesson.save_revision().publish()


@transaction.atomic
def load_assessments() -> dict:
    """Banks, questions, quizzes, the rubric, and their blocks in the demo
    lessons. Safe to run again."""
    banks = {
        ORIENTATION_BANK: QuestionBank.objects.get_or_create(
            name=ORIENTATION_BANK, defaults={"track": Track.MIGRANT}
        )[0],
        TRAINER_BANK: QuestionBank.objects.get_or_create(
            name=TRAINER_BANK, defaults={"track": Track.STAFF}
        )[0],
    }
    questions = _questions(banks)
    quizzes = _quizzes(banks, questions)
    rubric = _rubric()
    for slug, (key, role, where) in PLACEMENT.items():
        _place(
            slug,
            "quiz",
            lambda locale, key=key, role=role: {
                "quiz": _localized_pk(quizzes[key], locale),
                "role": role,
            },
            where,
        )
    _place(
        PRACTICAL_LESSON,
        "practical",
        lambda locale: {"rubric": _localized_pk(rubric, locale)},
        "last",
    )
    return {"banks": banks, "questions": questions, "quizzes": quizzes, "rubric": rubric}
