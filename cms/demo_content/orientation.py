# ruff: noqa: E501  (long texts: formatting keeps each language on its own lines)
"""The pre-departure orientation course (migrant track): 8 modules, 16 lessons.

Drawn from the MRC's documents (safe, orderly and regular migration; rights and
duties when crossing the border; health of migrants: STI/HIV/TB; trafficking;
repatriation, deportation and finding missing relatives; referral for training
and reintegration) and common pre-departure curricula. Rules differ by country
and change: the lessons give general guidance and send readers to official
sources, never invented legal detail."""

from courses.tracks import CertificateTemplate, Track

from .common import L

MRC_WHO = L(
    "<p>Маркази захиравии муҳоҷирон (МЗМ) дар Душанбе аз ҷониби Вазорати меҳнат, "
    "муҳоҷират ва шуғли аҳолӣ бо дастгирии ICMPD таъсис ёфтааст. Он ба муҳоҷирони "
    "оянда, рафтанӣ ва баргашта маълумоти саривақтӣ ва боэътимод медиҳад.</p>",
    "<p>Ресурсный центр для мигрантов (РЦМ) в Душанбе создан Министерством труда, "
    "миграции и занятости населения при поддержке МЦРМП (ICMPD). Он даёт потенциальным, "
    "уезжающим и вернувшимся мигрантам своевременную и надёжную информацию.</p>",
    "<p>The Migrant Resource Centre (MRC) in Dushanbe was set up by the Ministry of "
    "Labour, Migration and Employment of Population with ICMPD. It gives people who "
    "plan to leave, are leaving or have come back timely and reliable information.</p>",
)

MODULES = [
    {
        "slug": "safe-migration",
        "title": L(
            "Муҳоҷирати бехатар ва қонунӣ",
            "Безопасная и легальная миграция",
            "Safe and regular migration",
        ),
        "summary": L(
            "Чаро пеш аз сафар омода шудан лозим аст ва хатарҳои муҳоҷирати ғайриқонунӣ.",
            "Почему нужно готовиться до отъезда и чем опасна нелегальная миграция.",
            "Why to prepare before you leave, and the risks of irregular migration.",
        ),
        "lessons": [
            {
                "slug": "why-prepare",
                "minutes": 8,
                "title": L(
                    "Чаро пеш аз сафар омода шавем",
                    "Зачем готовиться до отъезда",
                    "Why prepare before you leave",
                ),
                "summary": L(
                    "Сафари хуб аз хона оғоз мешавад: нақша, ҳуҷҷатҳо ва маълумоти дуруст.",
                    "Хорошая поездка начинается дома: план, документы и верная информация.",
                    "A good journey starts at home: a plan, documents and correct information.",
                ),
                "body": [
                    (
                        "text",
                        L(
                            "<p>Ҳар сол садҳо ҳазор шаҳрвандони Тоҷикистон барои кор ба хориҷа "
                            "мераванд. Касе, ки пеш аз сафар омода мешавад, камтар фиреб мехӯрад, "
                            "зудтар кори қонунӣ меёбад ва ҳуқуқҳои худро медонад.</p>"
                            "<p>Дар ин курс шумо мефаҳмед, ки кадом ҳуҷҷатҳо лозиманд, дар сарҳад "
                            "чӣ бояд кард, саломатиро чӣ тавр ҳифз кард ва ба кӣ барои кӯмак "
                            "муроҷиат намуд.</p>",
                            "<p>Каждый год сотни тысяч граждан Таджикистана уезжают на работу за "
                            "рубеж. Тот, кто готовится заранее, реже становится жертвой обмана, "
                            "быстрее находит легальную работу и знает свои права.</p>"
                            "<p>В этом курсе вы узнаете, какие документы нужны, что делать на "
                            "границе, как беречь здоровье и куда обращаться за помощью.</p>",
                            "<p>Every year hundreds of thousands of Tajik citizens go abroad to "
                            "work. People who prepare are cheated less often, find legal work "
                            "sooner and know their rights.</p>"
                            "<p>In this course you will learn which documents you need, what to do "
                            "at the border, how to protect your health and where to turn for "
                            "help.</p>",
                        ),
                    ),
                    (
                        "video",
                        (
                            "orientation-welcome",
                            L(
                                "Хуш омадед ба курси омодагӣ пеш аз сафар",
                                "Добро пожаловать на курс предвыездной подготовки",
                                "Welcome to the pre-departure course",
                            ),
                        ),
                    ),
                    (
                        "image",
                        (
                            "journey",
                            L(
                                "Роҳе, ки аз кӯҳҳо ба самти ҳавопаймо мебарад",
                                "Дорога через горы к самолёту",
                                "A road through the mountains towards a plane",
                            ),
                            L(
                                "Сафар аз нақша оғоз мешавад.",
                                "Поездка начинается с плана.",
                                "A journey starts with a plan.",
                            ),
                        ),
                    ),
                    ("text", MRC_WHO),
                    (
                        "callout",
                        (
                            "tip",
                            L(
                                "Бо оила машварат кунед",
                                "Посоветуйтесь с семьёй",
                                "Talk to your family",
                            ),
                            L(
                                "<p>Нақшаи сафарро бо оила муҳокима кунед ва нусхаи ҳуҷҷатҳоро дар "
                                "хона гузоред.</p>",
                                "<p>Обсудите план поездки с семьёй и оставьте копии документов "
                                "дома.</p>",
                                "<p>Talk your plan over with your family and leave copies of your "
                                "documents at home.</p>",
                            ),
                        ),
                    ),
                ],
            },
            {
                "slug": "irregular-migration-risks",
                "minutes": 10,
                "title": L(
                    "Хатарҳои муҳоҷирати ғайриқонунӣ",
                    "Риски нелегальной миграции",
                    "The risks of irregular migration",
                ),
                "summary": L(
                    "Кор бе иҷозат ва бе шартнома чӣ оқибат дорад.",
                    "Чем грозит работа без разрешения и без договора.",
                    "What working without a permit or a contract can lead to.",
                ),
                "body": [
                    (
                        "text",
                        L(
                            "<p>Муҳоҷирати ғайриқонунӣ ин сафар ё кор бе ҳуҷҷатҳои лозимӣ аст. "
                            "Чунин коргар ҳимоя надорад: кордеҳ метавонад музд надиҳад, ӯро "
                            "ҷарима ё аз кишвар ихроҷ кардан мумкин аст ва баъзан ба ӯ вуруд ба "
                            "кишвар барои чанд сол манъ карда мешавад.</p>",
                            "<p>Нелегальная миграция — это поездка или работа без нужных "
                            "документов. Такой работник беззащитен: работодатель может не "
                            "заплатить, его могут оштрафовать или выдворить, а иногда ему "
                            "закрывают въезд в страну на несколько лет.</p>",
                            "<p>Irregular migration means travelling or working without the "
                            "documents you need. Such a worker has no protection: the employer "
                            "may not pay, you may be fined or removed, and sometimes you are "
                            "banned from entering the country for several years.</p>",
                        ),
                    ),
                    (
                        "callout",
                        (
                            "warning",
                            L(
                                "Ба ваъдаҳои осон бовар накунед",
                                "Не верьте лёгким обещаниям",
                                "Do not trust easy promises",
                            ),
                            L(
                                "<p>«Кори баландмузд бе ҳуҷҷат», «виза дар як рӯз» — аломатҳои "
                                "фиреб. Ширкати ба кор ҷойгиркуниро дар Агентии кор дар хориҷа "
                                "тафтиш кунед.</p>",
                                "<p>«Высокая зарплата без документов», «виза за один день» — "
                                "признаки обмана. Проверьте агентство по трудоустройству в "
                                "Агентстве по трудоустройству за рубежом.</p>",
                                "<p>“Well-paid work without papers” and “a visa in one day” are signs "
                                "of a scam. Check a recruitment agency with the State Agency for "
                                "Employment Abroad.</p>",
                            ),
                        ),
                    ),
                    (
                        "checklist",
                        (
                            L("Пеш аз қарор", "Прежде чем решиться", "Before you decide"),
                            [
                                L(
                                    "Кордеҳ ва ширкатро тафтиш кардам",
                                    "Я проверил работодателя и агентство",
                                    "I have checked the employer and the agency",
                                ),
                                L(
                                    "Медонам, ки кадом иҷозати корӣ лозим аст",
                                    "Я знаю, какое разрешение на работу нужно",
                                    "I know which work permit I need",
                                ),
                                L(
                                    "Шартномаро ба забони фаҳмо хондам",
                                    "Я прочитал договор на понятном мне языке",
                                    "I have read the contract in a language I understand",
                                ),
                                L(
                                    "Пул барои роҳ ва моҳи аввал дорам",
                                    "У меня есть деньги на дорогу и первый месяц",
                                    "I have money for the journey and the first month",
                                ),
                            ],
                        ),
                    ),
                    (
                        "faq",
                        (
                            L("Саволҳо", "Вопросы", "Questions"),
                            [
                                (
                                    L(
                                        "Оё бо раводиди сайёҳӣ кор кардан мумкин аст?",
                                        "Можно ли работать по туристической визе?",
                                        "Can I work on a tourist visa?",
                                    ),
                                    L(
                                        "<p>Одатан не. Барои кор иҷозати махсус лозим аст. Қоидаҳоро барои "
                                        "кишвари худ дар МЗМ пурсед.</p>",
                                        "<p>Как правило, нет. Для работы нужно специальное разрешение. "
                                        "Уточните правила своей страны в РЦМ.</p>",
                                        "<p>As a rule, no. Work needs a special permit. Ask the MRC about "
                                        "the rules of your destination.</p>",
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
        "slug": "documents-and-border",
        "title": L("Ҳуҷҷатҳо ва сарҳад", "Документы и граница", "Documents and the border"),
        "summary": L(
            "Чӣ бо худ гирифтан ва ҳуқуқу уҳдадориҳо ҳангоми убури сарҳад.",
            "Что взять с собой и права и обязанности при пересечении границы.",
            "What to take, and your rights and duties when crossing the border.",
        ),
        "lessons": [
            {
                "slug": "documents-to-take",
                "title": L(
                    "Ҳуҷҷатҳое, ки бояд гирифт", "Какие документы взять", "Documents to take"
                ),
                "summary": L(
                    "Шиноснома, корти муҳоҷиратӣ, шартнома ва нусхаҳо.",
                    "Паспорт, миграционная карта, договор и копии.",
                    "Passport, migration card, contract and copies.",
                ),
                "body": [
                    (
                        "checklist",
                        (
                            L(
                                "Ҳуҷҷатҳо барои сафар",
                                "Документы в дорогу",
                                "Documents for the journey",
                            ),
                            [
                                L(
                                    "Шиносномаи хориҷӣ (мӯҳлаташ на камтар аз як сол)",
                                    "Заграничный паспорт (срок действия не меньше года)",
                                    "International passport (valid for at least a year)",
                                ),
                                L(
                                    "Корти муҳоҷиратӣ — дар сарҳад пур карда мешавад",
                                    "Миграционная карта — заполняется на границе",
                                    "Migration card — filled in at the border",
                                ),
                                L(
                                    "Шартномаи меҳнатӣ ё даъватнома",
                                    "Трудовой договор или приглашение",
                                    "Employment contract or invitation",
                                ),
                                L(
                                    "Дипломҳо ва шаҳодатномаҳои касбӣ",
                                    "Дипломы и свидетельства о квалификации",
                                    "Diplomas and skills certificates",
                                ),
                                L(
                                    "Нусхаҳои ҳамаи ҳуҷҷатҳо (дар хона ва дар телефон)",
                                    "Копии всех документов (дома и в телефоне)",
                                    "Copies of all documents (at home and on your phone)",
                                ),
                            ],
                        ),
                    ),
                    (
                        "image",
                        (
                            "border",
                            L(
                                "Шиносномаи сурх дар назди монеаи сарҳадӣ",
                                "Красный паспорт у пограничного шлагбаума",
                                "A red passport next to a border barrier",
                            ),
                            L(
                                "Шиноснома — ҳуҷҷати асосии шумо.",
                                "Паспорт — ваш главный документ.",
                                "Your passport is your most important document.",
                            ),
                        ),
                    ),
                    (
                        "callout",
                        (
                            "rule",
                            L(
                                "Шиноснома аз они шумост",
                                "Паспорт принадлежит вам",
                                "Your passport belongs to you",
                            ),
                            L(
                                "<p>Ҳеҷ кордеҳ ё миёнарав ҳақ надорад шиносномаи шуморо нигоҳ дорад.</p>",
                                "<p>Ни работодатель, ни посредник не имеют права забирать ваш "
                                "паспорт.</p>",
                                "<p>No employer or middleman has the right to keep your passport.</p>",
                            ),
                        ),
                    ),
                ],
            },
            {
                "slug": "crossing-the-border",
                "title": L(
                    "Убури сарҳад: ҳуқуқ ва уҳдадориҳо",
                    "Пересечение границы: права и обязанности",
                    "Crossing the border: rights and duties",
                ),
                "summary": L(
                    "Дар назорати сарҳадӣ чӣ интизор аст.",
                    "Чего ожидать на пограничном контроле.",
                    "What to expect at border control.",
                ),
                "body": [
                    (
                        "text",
                        L(
                            "<p>Дар сарҳад ҳуҷҷатҳо ва мақсади сафари шуморо месанҷанд. Ба "
                            "саволҳо ором ва рост ҷавоб диҳед. Дар корти муҳоҷиратӣ мақсади "
                            "воқеии сафарро нишон диҳед: агар барои кор омада бошед, «кор»-ро "
                            "интихоб кунед.</p>",
                            "<p>На границе проверяют документы и цель поездки. Отвечайте на "
                            "вопросы спокойно и честно. В миграционной карте указывайте "
                            "настоящую цель: если едете работать, выбирайте «работа».</p>",
                            "<p>At the border your documents and the purpose of your trip are "
                            "checked. Answer calmly and truthfully. On the migration card give "
                            "the real purpose: if you come to work, choose “work”.</p>",
                        ),
                    ),
                    (
                        "callout",
                        (
                            "rule",
                            L(
                                "Корти муҳоҷиратиро нигоҳ доред",
                                "Сохраните миграционную карту",
                                "Keep your migration card",
                            ),
                            L(
                                "<p>Қисми корти муҳоҷиратӣ то баромадан аз кишвар бо шумо мемонад. "
                                "Бе он бақайдгирӣ ва иҷозати корӣ гирифтан душвор мешавад.</p>",
                                "<p>Часть миграционной карты остаётся у вас до выезда из страны. "
                                "Без неё трудно встать на учёт и получить разрешение на работу.</p>",
                                "<p>Part of the migration card stays with you until you leave the "
                                "country. Without it, registration and a work permit become hard "
                                "to get.</p>",
                            ),
                        ),
                    ),
                    (
                        "faq",
                        (
                            L("Ҳуқуқҳои шумо", "Ваши права", "Your rights"),
                            [
                                (
                                    L(
                                        "Агар маро дар сарҳад боздошт кунанд?",
                                        "Что если меня задержат на границе?",
                                        "What if I am stopped at the border?",
                                    ),
                                    L(
                                        "<p>Шумо ҳақ доред бидонед, ки чаро, ба консулгарии Тоҷикистон "
                                        "муроҷиат кунед ва тарҷумон талаб намоед. Ҳуҷҷатеро, ки "
                                        "намефаҳмед, имзо накунед.</p>",
                                        "<p>Вы вправе знать причину, обратиться в консульство "
                                        "Таджикистана и попросить переводчика. Не подписывайте то, чего "
                                        "не понимаете.</p>",
                                        "<p>You may ask why, contact the consulate of Tajikistan and ask "
                                        "for an interpreter. Do not sign anything you do not "
                                        "understand.</p>",
                                    ),
                                ),
                                (
                                    L(
                                        "Оё пулро бояд эълон кард?",
                                        "Нужно ли декларировать деньги?",
                                        "Do I have to declare money?",
                                    ),
                                    L(
                                        "<p>Агар маблағ аз ҳадди муқарраршуда зиёд бошад, бале. Ҳадди "
                                        "ҳозираро пеш аз сафар тафтиш кунед.</p>",
                                        "<p>Если сумма больше установленного предела — да. Проверьте "
                                        "текущий предел до поездки.</p>",
                                        "<p>Yes, if the amount is above the set limit. Check the current "
                                        "limit before you travel.</p>",
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
        "slug": "permits-and-contracts",
        "title": L(
            "Бақайдгирӣ, иҷозати корӣ ва шартнома",
            "Регистрация, разрешение на работу и договор",
            "Registration, work permits and contracts",
        ),
        "summary": L(
            "Қадамҳои аввал дар кишвари таъинот.",
            "Первые шаги в стране назначения.",
            "Your first steps in the destination country.",
        ),
        "lessons": [
            {
                "slug": "registration",
                "title": L(
                    "Бақайдгирӣ пас аз омадан", "Регистрация по прибытии", "Registration on arrival"
                ),
                "summary": L(
                    "Дар бисёр кишварҳо бояд дар мӯҳлати муайян ба қайд гирифта шавед.",
                    "Во многих странах нужно встать на учёт в установленный срок.",
                    "In many countries you must register within a set time.",
                ),
                "body": [
                    (
                        "text",
                        L(
                            "<p>Дар бисёр кишварҳо муҳоҷир бояд ҷойи истиқоматашро дар мӯҳлати "
                            "муайян ба қайд гирад. Мӯҳлат ва тартиб аз кишвар вобаста аст ва "
                            "тағйир меёбад — онро пеш аз сафар дар МЗМ ё сафорат пурсед.</p>",
                            "<p>Во многих странах мигрант должен зарегистрировать место "
                            "пребывания в установленный срок. Срок и порядок зависят от страны "
                            "и меняются — уточните их до отъезда в РЦМ или посольстве.</p>",
                            "<p>In many countries a migrant must register where they stay within "
                            "a set time. The deadline and the procedure depend on the country "
                            "and change, so ask the MRC or the embassy before you leave.</p>",
                        ),
                    ),
                    (
                        "callout",
                        (
                            "warning",
                            L("Бақайдгирии қалбакӣ", "Фальшивая регистрация", "Fake registration"),
                            L(
                                "<p>Бақайдгириро аз дасти миёнаравҳо нахаред. Ҳуҷҷати қалбакӣ ба "
                                "ҷарима ва ихроҷ оварда мерасонад.</p>",
                                "<p>Не покупайте регистрацию у посредников. Поддельный документ "
                                "ведёт к штрафу и выдворению.</p>",
                                "<p>Do not buy registration from middlemen. A forged document leads "
                                "to fines and removal.</p>",
                            ),
                        ),
                    ),
                ],
            },
            {
                "slug": "permits-and-contracts",
                "minutes": 12,
                "title": L(
                    "Иҷозати корӣ ва шартнома",
                    "Разрешение на работу и договор",
                    "Work permits and contracts",
                ),
                "summary": L(
                    "Ҳар кишвар иҷозати худро дорад; шартнома ҳимояи шумост.",
                    "У каждой страны своё разрешение; договор — ваша защита.",
                    "Each country has its own permit; a contract protects you.",
                ),
                "body": [
                    (
                        "text",
                        L(
                            "<p>Ҳар кишвар барои коргарони хориҷӣ иҷозати худро дорад: масалан, "
                            "дар Россия патент, дар Ҷумҳурии Корея — кор тавассути барномаи "
                            "расмии давлатии ба кор ҷалбкунӣ. Кадом ҳуҷҷат барои шумо лозим "
                            "аст, дар Агентии кор дар хориҷа ё МЗМ фаҳмед.</p>",
                            "<p>У каждой страны своё разрешение для иностранных работников: "
                            "например, в России — патент, в Республике Корея — работа через "
                            "официальную государственную программу найма. Какой документ нужен "
                            "вам, узнайте в Агентстве по трудоустройству за рубежом или РЦМ.</p>",
                            "<p>Each country has its own permit for foreign workers: in Russia, "
                            "for example, the patent; in the Republic of Korea, work through the "
                            "official government recruitment programme. Ask the State Agency "
                            "for Employment Abroad or the MRC which one you need.</p>",
                        ),
                    ),
                    (
                        "checklist",
                        (
                            L(
                                "Дар шартнома бояд бошад",
                                "Что должно быть в договоре",
                                "What the contract must say",
                            ),
                            [
                                L(
                                    "Номи кордеҳ ва суроға",
                                    "Название и адрес работодателя",
                                    "The employer's name and address",
                                ),
                                L(
                                    "Вазифа ва ҷойи кор",
                                    "Должность и место работы",
                                    "The job and place",
                                ),
                                L(
                                    "Музд ва кай пардохт мешавад",
                                    "Зарплата и когда её платят",
                                    "The wage and when it is paid",
                                ),
                                L(
                                    "Соатҳои корӣ ва рӯзҳои истироҳат",
                                    "Рабочие часы и выходные",
                                    "Working hours and days off",
                                ),
                                L(
                                    "Манзил ва кӣ барои он пардохт мекунад",
                                    "Жильё и кто за него платит",
                                    "Housing and who pays for it",
                                ),
                                L(
                                    "Нусхаи имзошуда барои шумо",
                                    "Подписанный экземпляр для вас",
                                    "A signed copy for you",
                                ),
                            ],
                        ),
                    ),
                ],
            },
        ],
    },
    {
        "slug": "health",
        "title": L("Саломатӣ", "Здоровье", "Health"),
        "summary": L(
            "Пешгирии ВНМО, СПИД ва бемориҳои тавассути алоқаи ҷинсӣ гузаранда ва сил.",
            "Профилактика ВИЧ, ИППП и туберкулёза.",
            "Preventing HIV, STIs and TB.",
        ),
        "lessons": [
            {
                "slug": "hiv-sti-tb",
                "title": L(
                    "ВНМО, сироятҳои ҷинсӣ ва сил", "ВИЧ, ИППП и туберкулёз", "HIV, STIs and TB"
                ),
                "summary": L(
                    "Худро ва оилаи худро чӣ тавр ҳифз кунед.",
                    "Как защитить себя и свою семью.",
                    "How to protect yourself and your family.",
                ),
                "body": [
                    (
                        "text",
                        L(
                            "<p>Дур аз хона, дар манзили серодам ва бо кори вазнин, хатари "
                            "бемориҳо зиёд мешавад. ВНМО ва сироятҳои ҷинсӣ бо рифола пешгирӣ "
                            "карда мешаванд. Сил (бемории сил) тавассути ҳаво мегузарад, вале "
                            "пурра табобат мешавад, агар барвақт ошкор шавад.</p>",
                            "<p>Вдали от дома, в тесном жилье и при тяжёлой работе риск болезней "
                            "растёт. ВИЧ и ИППП предупреждаются презервативом. Туберкулёз "
                            "передаётся по воздуху, но полностью излечим, если выявлен "
                            "вовремя.</p>",
                            "<p>Far from home, in crowded housing and with hard work, the risk of "
                            "illness grows. Condoms prevent HIV and STIs. TB spreads through the "
                            "air but can be fully cured when found early.</p>",
                        ),
                    ),
                    (
                        "callout",
                        (
                            "warning",
                            L("Аломатҳои сил", "Признаки туберкулёза", "Signs of TB"),
                            L(
                                "<ul><li>Сулфа зиёда аз ду ҳафта</li><li>Табларза ва арақи шабона</li>"
                                "<li>Лоғаршавӣ ва хастагӣ</li></ul>",
                                "<ul><li>Кашель дольше двух недель</li><li>Температура и ночной "
                                "пот</li><li>Похудение и слабость</li></ul>",
                                "<ul><li>A cough for more than two weeks</li><li>Fever and night "
                                "sweats</li><li>Weight loss and tiredness</li></ul>",
                            ),
                        ),
                    ),
                ],
            },
            {
                "slug": "testing-and-treatment",
                "title": L(
                    "Санҷиш ва табобат",
                    "Где провериться и лечиться",
                    "Where to get tested and treated",
                ),
                "summary": L(
                    "Санҷиш махфӣ аст; табобат имконпазир аст.",
                    "Обследование конфиденциально; лечение возможно.",
                    "Testing is confidential; treatment is possible.",
                ),
                "body": [
                    (
                        "text",
                        L(
                            "<p>Дар Тоҷикистон санҷиши ВНМО ва сил дар марказҳои давлатии "
                            "саломатӣ махфӣ гузаронида мешавад. Пеш аз сафар ва пас аз бозгашт "
                            "санҷиш гузаред. Дар хориҷа ташкилотҳои ғайридавлатӣ ба муҳоҷирон "
                            "дар ёфтани духтур кӯмак мекунанд.</p>",
                            "<p>В Таджикистане обследование на ВИЧ и туберкулёз в государственных "
                            "медицинских центрах конфиденциально. Пройдите его до отъезда и "
                            "после возвращения. За рубежом найти врача помогают "
                            "неправительственные организации.</p>",
                            "<p>In Tajikistan, HIV and TB tests at state health centres are "
                            "confidential. Get tested before you leave and after you come back. "
                            "Abroad, non-governmental organisations help migrants find a "
                            "doctor.</p>",
                        ),
                    ),
                    (
                        "faq",
                        (
                            L("Саволҳо", "Вопросы", "Questions"),
                            [
                                (
                                    L(
                                        "Агар ман бемор шавам, маро аз кор пеш мекунанд?",
                                        "Если я заболею, меня уволят?",
                                        "Will I lose my job if I am ill?",
                                    ),
                                    L(
                                        "<p>Шартнома бояд рухсатии беморӣ ва суғуртаро нишон диҳад. "
                                        "Барои машварат ба МЗМ ё консулгарӣ муроҷиат кунед.</p>",
                                        "<p>Договор должен предусматривать больничный и страховку. За "
                                        "советом обратитесь в РЦМ или консульство.</p>",
                                        "<p>Your contract should cover sick leave and insurance. Ask the "
                                        "MRC or the consulate for advice.</p>",
                                    ),
                                ),
                            ],
                        ),
                    ),
                    ("contact", "emergency"),
                ],
            },
        ],
    },
    {
        "slug": "trafficking",
        "title": L(
            "Хариду фурӯши одамон ва меҳнати маҷбурӣ",
            "Торговля людьми и принудительный труд",
            "Trafficking and forced labour",
        ),
        "summary": L(
            "Аломатҳо ва ба кӣ занг задан.",
            "Признаки и куда звонить.",
            "The signs, and who to call.",
        ),
        "lessons": [
            {
                "slug": "signs-of-trafficking",
                "title": L(
                    "Аломатҳои хариду фурӯши одамон",
                    "Признаки торговли людьми",
                    "Signs of trafficking",
                ),
                "summary": L(
                    "Кай кор ба меҳнати маҷбурӣ табдил меёбад.",
                    "Когда работа превращается в принудительный труд.",
                    "When work turns into forced labour.",
                ),
                "body": [
                    (
                        "checklist",
                        (
                            L("Аломатҳои хатар", "Тревожные признаки", "Warning signs"),
                            [
                                L(
                                    "Шиносномаро гирифтанд ва барнамегардонанд",
                                    "Забрали паспорт и не отдают",
                                    "Your passport was taken and not given back",
                                ),
                                L(
                                    "Музд намедиҳанд ё «қарз»-и шуморо зиёд мекунанд",
                                    "Не платят или «долг» всё растёт",
                                    "You are not paid, or your “debt” keeps growing",
                                ),
                                L(
                                    "Аз ҷойи кор баромадан намемонанд",
                                    "Не выпускают с места работы",
                                    "You are not allowed to leave the workplace",
                                ),
                                L(
                                    "Кор он нест, ки ваъда дода буданд",
                                    "Работа не та, что обещали",
                                    "The work is not what was promised",
                                ),
                                L(
                                    "Бо зӯроварӣ ё хабар додан ба полиса таҳдид мекунанд",
                                    "Угрожают насилием или полицией",
                                    "You are threatened with violence or the police",
                                ),
                            ],
                        ),
                    ),
                    (
                        "text",
                        L(
                            "<p>Тибқи маълумоти ТБМ, дар Тоҷикистон ба зиёда аз 50 қурбонии "
                            "хариду фурӯши одамон дар ҳифзи ҳуқуқ ва барқароршавӣ кӯмак "
                            "расонида шудааст. Кӯмак вуҷуд дорад — бояд онро талаб кард.</p>",
                            "<p>По данным МОМ, в Таджикистане более 50 жертв торговли людьми "
                            "получили помощь в защите прав и реинтеграции. Помощь есть — о ней "
                            "нужно попросить.</p>",
                            "<p>According to IOM, more than 50 victims of trafficking in "
                            "Tajikistan received help to protect their rights and rebuild their "
                            "lives. Help exists: ask for it.</p>",
                        ),
                    ),
                ],
            },
            {
                "slug": "who-to-call",
                "title": L("Ба кӣ занг задан", "Куда звонить", "Who to call"),
                "summary": L(
                    "Рақамҳоеро, ки бояд дар телефон бошанд.",
                    "Номера, которые должны быть в вашем телефоне.",
                    "The numbers to have in your phone.",
                ),
                "body": [
                    (
                        "callout",
                        (
                            "rule",
                            L("Шумо айбдор нестед", "Вы не виноваты", "It is not your fault"),
                            L(
                                "<p>Қурбонии хариду фурӯши одамон ҷинояткор нест. Ҳарчи зудтар ба "
                                "рақами ёрии таъҷилӣ, сафорат ё МЗМ муроҷиат кунед.</p>",
                                "<p>Жертва торговли людьми — не преступник. Как можно скорее "
                                "обратитесь по экстренному номеру, в посольство или в РЦМ.</p>",
                                "<p>A victim of trafficking is not a criminal. Contact the emergency "
                                "number, the embassy or the MRC as soon as you can.</p>",
                            ),
                        ),
                    ),
                    ("contact", "emergency"),
                    ("contact", "embassy-ru"),
                    ("contact", "police-tj"),
                ],
            },
        ],
    },
    {
        "slug": "legal-trouble",
        "title": L(
            "Мушкилоти ҳуқуқӣ дар хориҷа", "Правовые проблемы за рубежом", "Legal trouble abroad"
        ),
        "summary": L(
            "Ихроҷ, бозгардонӣ ва ёфтани хешовандони гумшуда.",
            "Выдворение, репатриация и поиск пропавших родственников.",
            "Deportation, repatriation and finding missing relatives.",
        ),
        "lessons": [
            {
                "slug": "deportation",
                "title": L(
                    "Ихроҷ ва манъи вуруд",
                    "Выдворение и запрет въезда",
                    "Deportation and entry bans",
                ),
                "summary": L(
                    "Чӣ тавр аз онҳо эҳтиёт шудан ва чӣ кор кардан.",
                    "Как их избежать и что делать.",
                    "How to avoid them, and what to do.",
                ),
                "body": [
                    (
                        "text",
                        L(
                            "<p>Вайрон кардани қоидаҳои будубош — масалан, кор бе иҷозат ё "
                            "гузаштани мӯҳлат — метавонад ба ихроҷ ва манъи вуруд оварда расонад. "
                            "Агар шуморо боздошт кунанд, ором бошед, консулгариро хабар диҳед ва "
                            "машварати ҳуқуқӣ талаб кунед.</p>",
                            "<p>Нарушение правил пребывания — например, работа без разрешения "
                            "или просроченный срок — может привести к выдворению и запрету "
                            "въезда. Если вас задержали, сохраняйте спокойствие, сообщите в "
                            "консульство и попросите юридическую помощь.</p>",
                            "<p>Breaking the rules of stay, such as working without a permit or "
                            "overstaying, can lead to removal and an entry ban. If you are "
                            "detained, stay calm, tell the consulate and ask for legal "
                            "help.</p>",
                        ),
                    ),
                    (
                        "callout",
                        (
                            "tip",
                            L(
                                "Пеш аз сафар тафтиш кунед",
                                "Проверьте до поездки",
                                "Check before you travel",
                            ),
                            L(
                                "<p>Агар қаблан ихроҷ шуда бошед, дар МЗМ фаҳмед, ки оё ба шумо "
                                "вуруд манъ аст.</p>",
                                "<p>Если вас раньше выдворяли, узнайте в РЦМ, не закрыт ли вам "
                                "въезд.</p>",
                                "<p>If you were removed before, ask the MRC whether you are banned "
                                "from entering.</p>",
                            ),
                        ),
                    ),
                ],
            },
            {
                "slug": "repatriation-and-missing-relatives",
                "title": L(
                    "Бозгардонӣ ва ҷустуҷӯи хешовандон",
                    "Репатриация и поиск родственников",
                    "Repatriation and finding relatives",
                ),
                "summary": L(
                    "Кӣ кӯмак мекунад, агар бо касе бадбахтӣ рӯй диҳад.",
                    "Кто поможет, если с кем-то случилась беда.",
                    "Who helps when something has happened to someone.",
                ),
                "body": [
                    (
                        "text",
                        L(
                            "<p>ТБМ ва шарикони он ба зиёда аз 200 муҳоҷир дар масъалаҳои "
                            "ҳуқуқӣ, аз ҷумла бозгардонӣ, ихроҷ ва пайвастани муҳоҷирони гумшуда "
                            "бо оилаҳояшон кӯмак кардаанд. Агар хешованди шумо дар хориҷа гум "
                            "шуда бошад, ба консулгарӣ ва МЗМ муроҷиат кунед.</p>",
                            "<p>МОМ и партнёры помогли более чем 200 мигрантам в правовых "
                            "вопросах, включая репатриацию, выдворение и воссоединение "
                            "пропавших мигрантов с семьями. Если ваш родственник пропал за "
                            "рубежом, обратитесь в консульство и РЦМ.</p>",
                            "<p>IOM and its partners have helped more than 200 migrants with "
                            "legal matters, including repatriation, deportation and reuniting "
                            "missing migrants with their families. If a relative has gone "
                            "missing abroad, contact the consulate and the MRC.</p>",
                        ),
                    ),
                    (
                        "checklist",
                        (
                            L(
                                "Барои ҷустуҷӯ омода кунед",
                                "Подготовьте для поиска",
                                "Have ready for a search",
                            ),
                            [
                                L(
                                    "Ному насаб ва санаи таваллуд",
                                    "ФИО и дату рождения",
                                    "Full name and date of birth",
                                ),
                                L("Нусхаи шиноснома", "Копию паспорта", "A copy of the passport"),
                                L(
                                    "Охирин суроға ва телефон",
                                    "Последний адрес и телефон",
                                    "The last address and phone number",
                                ),
                                L("Номи кордеҳ", "Название работодателя", "The employer's name"),
                            ],
                        ),
                    ),
                    ("contact", "mrc"),
                ],
            },
        ],
    },
    {
        "slug": "sending-money",
        "title": L("Фиристодани пул ба хона", "Денежные переводы домой", "Sending money home"),
        "summary": L(
            "Бехатар фиристед ва пасандоз кунед.",
            "Отправляйте безопасно и копите.",
            "Send safely and save.",
        ),
        "lessons": [
            {
                "slug": "sending-money-safely",
                "title": L("Пулро бехатар фиристед", "Переводите безопасно", "Send money safely"),
                "summary": L(
                    "Танҳо тавассути бонкҳо ва системаҳои иҷозатдор.",
                    "Только через банки и лицензированные системы.",
                    "Only through banks and licensed services.",
                ),
                "body": [
                    (
                        "checklist",
                        (
                            L("Қоидаҳои интиқол", "Правила перевода", "Rules for transfers"),
                            [
                                L(
                                    "Танҳо бонк ё системаи иҷозатдорро истифода баред",
                                    "Пользуйтесь только банком или лицензированной системой",
                                    "Use only a bank or a licensed service",
                                ),
                                L(
                                    "Ҳаққи хизматро муқоиса кунед",
                                    "Сравнивайте комиссии",
                                    "Compare the fees",
                                ),
                                L(
                                    "Квитансияро нигоҳ доред",
                                    "Храните квитанцию",
                                    "Keep the receipt",
                                ),
                                L(
                                    "Рамзи корти бонкиро ба касе нагӯед",
                                    "Никому не называйте ПИН-код карты",
                                    "Never tell anyone your card PIN",
                                ),
                            ],
                        ),
                    ),
                    (
                        "callout",
                        (
                            "warning",
                            L(
                                "Пул ба дасти бегона",
                                "Деньги через чужих",
                                "Money through strangers",
                            ),
                            L(
                                "<p>Пулро ба дасти шахсони ношинос нафиристед: онро гум кардан "
                                "осон аст, баргардонданаш душвор.</p>",
                                "<p>Не передавайте деньги через незнакомых людей: потерять их "
                                "легко, вернуть трудно.</p>",
                                "<p>Do not send money through people you do not know: it is easy to "
                                "lose and hard to get back.</p>",
                            ),
                        ),
                    ),
                ],
            },
            {
                "slug": "saving",
                "title": L("Нақшаи пасандоз", "План накоплений", "Planning your savings"),
                "summary": L(
                    "Пул барои мақсади худ, на танҳо барои хароҷоти ҳаррӯза.",
                    "Деньги на вашу цель, а не только на каждодневные расходы.",
                    "Money for your goal, not only for daily spending.",
                ),
                "body": [
                    (
                        "text",
                        L(
                            "<p>Бо оила мақсад гузоред: хона, таҳсил ё кори худ. Як қисми "
                            "ҳар музди меҳнатро ба суратҳисоби пасандоз гузоред.</p>",
                            "<p>Поставьте с семьёй цель: дом, учёба или своё дело. Часть каждой "
                            "зарплаты кладите на сберегательный счёт.</p>",
                            "<p>Set a goal with your family: a house, education or your own "
                            "business. Put part of every wage into a savings account.</p>",
                        ),
                    ),
                    (
                        "faq",
                        (
                            L("Саволҳо", "Вопросы", "Questions"),
                            [
                                (
                                    L(
                                        "Фиристодан ба корти бонкӣ беҳтар аст ё нақд?",
                                        "Что лучше: перевод на карту или наличные?",
                                        "Is a card transfer better than cash?",
                                    ),
                                    L(
                                        "<p>Интиқол ба корт одатан бехатартар аст ва сабт мемонад.</p>",
                                        "<p>Перевод на карту обычно безопаснее и оставляет след.</p>",
                                        "<p>A card transfer is usually safer and leaves a record.</p>",
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
        "slug": "coming-back",
        "title": L(
            "Бозгашт ва ҳамгироии дубора",
            "Возвращение и реинтеграция",
            "Coming back and reintegration",
        ),
        "summary": L(
            "Бозгашт ба Ватан ва дастгирие, ки МЗМ пешниҳод мекунад.",
            "Возвращение домой и поддержка, которую предлагает РЦМ.",
            "Coming home, and the support the MRC offers.",
        ),
        "lessons": [
            {
                "slug": "coming-home",
                "title": L("Бозгашт ба хона", "Возвращение домой", "Coming home"),
                "summary": L(
                    "Чӣ бо худ овардан, то таҷрибаи шумо ба кор ояд.",
                    "Что привезти, чтобы ваш опыт пригодился.",
                    "What to bring so that your experience counts.",
                ),
                "body": [
                    (
                        "checklist",
                        (
                            L(
                                "Ҳуҷҷатҳо барои бозгашт",
                                "Документы для возвращения",
                                "Documents to bring back",
                            ),
                            [
                                L(
                                    "Шартнома ва варақаҳои музд",
                                    "Договор и расчётные листки",
                                    "Contract and payslips",
                                ),
                                L(
                                    "Маълумотнома дар бораи таҷрибаи корӣ",
                                    "Справку о стаже работы",
                                    "A letter confirming your work experience",
                                ),
                                L(
                                    "Шаҳодатномаҳои омӯзиш ва тахассус",
                                    "Свидетельства об обучении и квалификации",
                                    "Training and skills certificates",
                                ),
                            ],
                        ),
                    ),
                    (
                        "text",
                        L(
                            "<p>Пас аз бозгашт аз санҷиши саломатӣ гузаред — ин ба шумо ва "
                            "оилаатон кӯмак мекунад.</p>",
                            "<p>После возвращения пройдите медицинское обследование — это "
                            "поможет вам и вашей семье.</p>",
                            "<p>After you come back, get a health check: it helps you and your "
                            "family.</p>",
                        ),
                    ),
                ],
            },
            {
                "slug": "reintegration",
                "title": L(
                    "Дастгирӣ барои ҳамгироии дубора",
                    "Поддержка реинтеграции",
                    "Reintegration support",
                ),
                "summary": L(
                    "Омӯзиши касбӣ, кор ва машварат дар Тоҷикистон.",
                    "Профобучение, работа и консультации в Таджикистане.",
                    "Vocational training, work and advice in Tajikistan.",
                ),
                "body": [
                    (
                        "text",
                        L(
                            "<p>МЗМ бо шарикон механизми равонакуниро месозад: муҳоҷирони "
                            "баргаштаро ба омӯзиши касбӣ, ҷустуҷӯи кор ва дастгирии ҳамгироии "
                            "дубора мефиристад. Ба МЗМ ё маркази Хадамоти муҳоҷират дар ноҳияи "
                            "худ муроҷиат кунед.</p>",
                            "<p>РЦМ вместе с партнёрами создаёт механизм перенаправления: "
                            "вернувшихся мигрантов направляют на профобучение, поиск работы и "
                            "поддержку реинтеграции. Обратитесь в РЦМ или в центр Миграционной "
                            "службы в своём районе.</p>",
                            "<p>The MRC and its partners are building a referral mechanism that "
                            "sends returning migrants to vocational training, job search and "
                            "reintegration support. Contact the MRC or the Migration Service "
                            "centre in your district.</p>",
                        ),
                    ),
                    ("contact", "mrc"),
                    (
                        "quiz",
                        (
                            L("Санҷиши ниҳоӣ", "Итоговый тест", "Final check"),
                            "orientation-final",
                            True,
                        ),
                    ),
                ],
            },
        ],
    },
]

COURSE = {
    "track": Track.MIGRANT,
    "slug": "pre-departure-orientation",
    "title": L(
        "Омодагӣ пеш аз сафар: кори бехатар дар хориҷа",
        "Предвыездная подготовка: безопасная работа за рубежом",
        "Pre-departure orientation: working safely abroad",
    ),
    "summary": L(
        "Ҳашт модул дар бораи муҳоҷирати бехатар ва қонунӣ: ҳуҷҷатҳо, сарҳад, иҷозати "
        "корӣ, саломатӣ, хариду фурӯши одамон, мушкилоти ҳуқуқӣ, интиқоли пул ва бозгашт.",
        "Восемь модулей о безопасной и легальной миграции: документы, граница, разрешение "
        "на работу, здоровье, торговля людьми, правовые проблемы, переводы и возвращение.",
        "Eight modules on safe and regular migration: documents, the border, work permits, "
        "health, trafficking, legal trouble, sending money and coming home.",
    ),
    "minutes": 150,
    "cover": "journey",
    "certificate": CertificateTemplate.ORIENTATION,
    "contacts": ["mrc", "emergency"],
    "countries": ["RU", "KZ", "KR", "TR", "PL", "DE"],
    "modules": MODULES,
}
