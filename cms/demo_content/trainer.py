# ruff: noqa: E501  (long texts: formatting keeps each language on its own lines)
"""The trainer course (staff track): for ministry and Migration Service staff who
run pre-departure sessions, counsel returning migrants, reach communities
through local government offices and refer migrants to training and
reintegration support (the MRC's roles 2, 3 and 5 in its project document)."""

from courses.tracks import CertificateTemplate, Track

from .common import L

MODULES = [
    {
        "slug": "running-a-session",
        "title": L(
            "Гузаронидани машғулияти пеш аз сафар",
            "Проведение предвыездного занятия",
            "Running a pre-departure session",
        ),
        "summary": L(
            "Нақша, гузаронидан ва баҳодиҳӣ.",
            "План, проведение и оценка.",
            "Planning, delivery and evaluation.",
        ),
        "lessons": [
            {
                "slug": "planning-a-session",
                "title": L("Нақшаи машғулият", "План занятия", "Planning a session"),
                "summary": L(
                    "Гурӯҳ, вақт ва маводҳоро омода кунед.",
                    "Подготовьте группу, время и материалы.",
                    "Prepare the group, the time and the materials.",
                ),
                "body": [
                    (
                        "text",
                        L(
                            "<p>Машғулияти хуб 2–3 соат давом мекунад ва барои гурӯҳи то 25 "
                            "нафар пешбинӣ шудааст. Пеш аз оғоз бифаҳмед, ки иштирокчиён ба "
                            "кадом кишвар ва бо кадом касб мераванд.</p>",
                            "<p>Хорошее занятие длится 2–3 часа и рассчитано на группу до 25 "
                            "человек. Заранее узнайте, в какие страны и по каким профессиям "
                            "едут участники.</p>",
                            "<p>A good session lasts 2–3 hours for a group of up to 25 people. "
                            "Find out beforehand which countries and jobs the participants are "
                            "heading for.</p>",
                        ),
                    ),
                    (
                        "video",
                        (
                            "trainer-session",
                            L(
                                "Намунаи машғулияти пеш аз сафар",
                                "Пример предвыездного занятия",
                                "An example pre-departure session",
                            ),
                        ),
                    ),
                    (
                        "image",
                        (
                            "classroom",
                            L(
                                "Тренер дар назди тахта бо гурӯҳи иштирокчиён",
                                "Тренер у доски с группой участников",
                                "A trainer at the board with a group of participants",
                            ),
                            L(
                                "Гурӯҳи хурд беҳтар меомӯзад.",
                                "Небольшая группа учится лучше.",
                                "A small group learns better.",
                            ),
                        ),
                    ),
                    (
                        "checklist",
                        (
                            L("Пеш аз машғулият", "Перед занятием", "Before the session"),
                            [
                                L(
                                    "Рӯйхати иштирокчиён",
                                    "Список участников",
                                    "The list of participants",
                                ),
                                L(
                                    "Варақаҳои чопӣ ба забони тоҷикӣ ва русӣ",
                                    "Раздаточные материалы на таджикском и русском",
                                    "Hand-outs in Tajik and Russian",
                                ),
                                L(
                                    "Видео ва проектор ё телефон бо баландгӯяк",
                                    "Видео и проектор или телефон с колонкой",
                                    "Video and a projector, or a phone with a speaker",
                                ),
                                L(
                                    "Варақаи бозгашти фикр",
                                    "Анкета обратной связи",
                                    "A feedback form",
                                ),
                            ],
                        ),
                    ),
                ],
            },
            {
                "slug": "delivering-a-session",
                "title": L(
                    "Гузаронидани машғулият", "Проведение занятия", "Delivering the session"
                ),
                "summary": L(
                    "Саволҳо, мисолҳо ва забони сода.",
                    "Вопросы, примеры и простой язык.",
                    "Questions, examples and plain language.",
                ),
                "body": [
                    (
                        "text",
                        L(
                            "<p>Бо саволҳо оғоз кунед: «Кӣ аллакай дар хориҷа кор кардааст?» "
                            "Ҳикояҳои воқеӣ беҳтар аз қоидаҳо дар хотир мемонанд. Забони "
                            "содаро истифода баред ва истилоҳҳоро шарҳ диҳед.</p>",
                            "<p>Начинайте с вопросов: «Кто уже работал за рубежом?» Реальные "
                            "истории запоминаются лучше правил. Говорите простым языком и "
                            "объясняйте термины.</p>",
                            "<p>Start with questions: “Who has already worked abroad?” Real "
                            "stories are remembered better than rules. Use plain language and "
                            "explain terms.</p>",
                        ),
                    ),
                    (
                        "callout",
                        (
                            "tip",
                            L(
                                "Корти тамос барои ҳама",
                                "Карточка для каждого",
                                "A contact card for everyone",
                            ),
                            L(
                                "<p>Ба ҳар иштирокчӣ корти тамосҳои МЗМ ва рақамҳои ёрии таъҷилиро "
                                "диҳед.</p>",
                                "<p>Дайте каждому участнику карточку с контактами РЦМ и "
                                "экстренными номерами.</p>",
                                "<p>Give every participant a card with the MRC's contacts and the "
                                "emergency numbers.</p>",
                            ),
                        ),
                    ),
                ],
            },
        ],
    },
    {
        "slug": "counselling-returnees",
        "title": L(
            "Машварат ба муҳоҷирони баргашта",
            "Консультирование вернувшихся мигрантов",
            "Counselling returning migrants",
        ),
        "summary": L(
            "Гӯш кардан ва муайян кардани эҳтиёҷот.",
            "Слушать и выявлять потребности.",
            "Listening and assessing needs.",
        ),
        "lessons": [
            {
                "slug": "assessing-needs",
                "title": L("Муайян кардани эҳтиёҷот", "Оценка потребностей", "Assessing needs"),
                "summary": L(
                    "Саломатӣ, ҳуҷҷатҳо, кор ва оила.",
                    "Здоровье, документы, работа и семья.",
                    "Health, documents, work and family.",
                ),
                "body": [
                    (
                        "text",
                        L(
                            "<p>Муҳоҷири баргашта метавонад бе кор, бо қарз ё бо мушкилоти "
                            "саломатӣ бошад. Ором гӯш кунед, махфиятро риоя намоед ва якҷоя "
                            "нақшаи қадамҳои навбатиро тартиб диҳед.</p>",
                            "<p>Вернувшийся мигрант может быть без работы, с долгами или с "
                            "проблемами со здоровьем. Слушайте спокойно, соблюдайте "
                            "конфиденциальность и вместе составьте план следующих шагов.</p>",
                            "<p>A returning migrant may be out of work, in debt or unwell. "
                            "Listen calmly, keep what you hear confidential and agree a plan "
                            "of next steps together.</p>",
                        ),
                    ),
                    (
                        "faq",
                        (
                            L("Саволҳои маъмул", "Частые вопросы", "Common questions"),
                            [
                                (
                                    L(
                                        "Агар муҳоҷир ба манъи вуруд дучор шуда бошад?",
                                        "Что если у мигранта запрет въезда?",
                                        "What if the migrant has an entry ban?",
                                    ),
                                    L(
                                        "<p>Ӯро ба машварати ҳуқуқӣ ва имкониятҳои кор дар Тоҷикистон "
                                        "равона кунед.</p>",
                                        "<p>Направьте его на юридическую консультацию и к возможностям "
                                        "работы в Таджикистане.</p>",
                                        "<p>Refer them to legal advice and to work opportunities in "
                                        "Tajikistan.</p>",
                                    ),
                                ),
                            ],
                        ),
                    ),
                ],
            },
        ],
    },
    {
        "slug": "community-outreach",
        "title": L(
            "Кор бо ҷомеа тавассути мақомоти маҳаллӣ",
            "Работа с населением через органы местной власти",
            "Community outreach through local government",
        ),
        "summary": L(
            "Ҷамоатҳо, маҳаллаҳо ва мактабҳо.",
            "Джамоаты, махалли и школы.",
            "Jamoats, mahallas and schools.",
        ),
        "lessons": [
            {
                "slug": "working-with-jamoats",
                "title": L(
                    "Кор бо ҷамоатҳо ва маҳаллаҳо",
                    "Работа с джамоатами и махаллями",
                    "Working with jamoats and mahallas",
                ),
                "summary": L(
                    "Маълумотро ба деҳот чӣ тавр расонем.",
                    "Как донести информацию до сёл.",
                    "How to bring information to the villages.",
                ),
                "body": [
                    (
                        "text",
                        L(
                            "<p>Мақомоти худидоракунии маҳаллӣ мардумро беҳтар аз ҳама мешиносанд. "
                            "Бо раиси ҷамоат вохӯрӣ ташкил кунед, вақти мувофиқро интихоб кунед "
                            "ва занон ва ҷавононро низ даъват намоед.</p>",
                            "<p>Органы местного самоуправления знают людей лучше всех. "
                            "Договоритесь о встрече с председателем джамоата, выберите удобное "
                            "время и пригласите также женщин и молодёжь.</p>",
                            "<p>Local government offices know people best. Arrange a meeting "
                            "with the jamoat chair, choose a convenient time and invite women "
                            "and young people too.</p>",
                        ),
                    ),
                    (
                        "checklist",
                        (
                            L("Барои вохӯрӣ", "Для встречи", "For the meeting"),
                            [
                                L(
                                    "Бо раиси ҷамоат мувофиқа шудааст",
                                    "Согласовано с председателем",
                                    "Agreed with the jamoat chair",
                                ),
                                L(
                                    "Эълон дар масҷид ва мактаб",
                                    "Объявление в мечети и школе",
                                    "Announced at the mosque and school",
                                ),
                                L(
                                    "Варақаҳо барои оилаҳои муҳоҷирон",
                                    "Листовки для семей мигрантов",
                                    "Leaflets for migrants' families",
                                ),
                            ],
                        ),
                    ),
                ],
            },
        ],
    },
    {
        "slug": "referral-mechanism",
        "title": L("Механизми равонакунӣ", "Механизм перенаправления", "The referral mechanism"),
        "summary": L(
            "Омӯзиши касбӣ ва дастгирии ҳамгироии дубора.",
            "Профобучение и поддержка реинтеграции.",
            "Vocational training and reintegration support.",
        ),
        "lessons": [
            {
                "slug": "referrals",
                "title": L(
                    "Равонакунӣ ба омӯзиш ва дастгирӣ",
                    "Направление на обучение и поддержку",
                    "Referring to training and support",
                ),
                "summary": L(
                    "Кӣ чӣ кӯмак мекунад ва чӣ тавр равона кардан.",
                    "Кто чем помогает и как направлять.",
                    "Who helps with what, and how to refer.",
                ),
                "body": [
                    (
                        "text",
                        L(
                            "<p>Механизми равонакунӣ мақомоти давлатӣ, марказҳои омӯзиши "
                            "касбӣ, ташкилотҳои ғайридавлатӣ ва бахши хусусиро мепайвандад. "
                            "Ҳар равонакуниро сабт кунед ва пас аз як моҳ натиҷаро пурсед.</p>",
                            "<p>Механизм перенаправления связывает государственные органы, "
                            "центры профобучения, НПО и частный сектор. Записывайте каждое "
                            "направление и через месяц узнавайте результат.</p>",
                            "<p>The referral mechanism links government agencies, vocational "
                            "training centres, NGOs and the private sector. Record every "
                            "referral and follow up after a month.</p>",
                        ),
                    ),
                    (
                        "checklist",
                        (
                            L("Равонакунӣ", "Направление", "A referral"),
                            [
                                L(
                                    "Розигии муҳоҷир гирифта шуд",
                                    "Получено согласие мигранта",
                                    "The migrant has agreed",
                                ),
                                L(
                                    "Ташкилоти мувофиқ интихоб шуд",
                                    "Выбрана подходящая организация",
                                    "A suitable organisation was chosen",
                                ),
                                L(
                                    "Пас аз як моҳ натиҷа пурсида шуд",
                                    "Через месяц узнан результат",
                                    "The outcome was checked after a month",
                                ),
                            ],
                        ),
                    ),
                    ("contact", "mrc"),
                ],
            },
        ],
    },
    {
        "slug": "final-exam",
        "title": L("Имтиҳони ниҳоӣ", "Итоговый экзамен", "Final exam"),
        "summary": L(
            "Барои гирифтани сертификати тренер.",
            "Для получения сертификата тренера.",
            "To earn the trainer certificate.",
        ),
        "lessons": [
            {
                "slug": "trainer-final-exam",
                "title": L("Имтиҳони ниҳоӣ", "Итоговый экзамен", "Final exam"),
                "summary": L(
                    "Барои гузаштан 80% ҷавобҳои дуруст лозим аст.",
                    "Для сдачи нужно 80% правильных ответов.",
                    "You need 80% correct answers to pass.",
                ),
                "body": [
                    (
                        "quiz",
                        (
                            L(
                                "Имтиҳони ниҳоии тренер",
                                "Итоговый экзамен тренера",
                                "Trainer final exam",
                            ),
                            "trainer-final",
                            True,
                        ),
                    ),
                ],
            },
        ],
    },
]

COURSE = {
    "track": Track.STAFF,
    "slug": "certified-pre-departure-trainer",
    "title": L(
        "Тренери пеш аз сафар", "Тренер предвыездной подготовки", "Certified pre-departure trainer"
    ),
    "summary": L(
        "Барои кормандони вазорат: гузаронидани машғулиятҳо, машварат ба муҳоҷирони "
        "баргашта, кор бо ҷомеа ва механизми равонакунӣ.",
        "Для сотрудников министерства: проведение занятий, консультирование вернувшихся "
        "мигрантов, работа с населением и механизм перенаправления.",
        "For ministry staff: running sessions, counselling returning migrants, community "
        "outreach and the referral mechanism.",
    ),
    "minutes": 240,
    "cover": "classroom",
    "certificate": CertificateTemplate.TRAINER,
    "contacts": ["mrc"],
    "countries": [],
    "modules": MODULES,
}
