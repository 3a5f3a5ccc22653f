"""Home page, track pages, contact cards, destination countries, pictures."""

from courses.tracks import Track


def L(tg, ru, en, uz=None):  # noqa: N802  (a short constructor for texts)
    text = {"tg": tg, "ru": ru, "en": en}
    if uz is not None:
        text["uz"] = uz
    return text


HOME = {
    "title": L(
        "Safar — Маркази захиравии муҳоҷирон",
        "Safar — Ресурсный центр для мигрантов",
        "Safar — Migrant Resource Centre",
        uz="Safar — Migrantlar resurs markazi",
    ),
    "intro": L(
        "<p>Омӯзиши онлайни Маркази захиравии муҳоҷирон: пеш аз сафар ҳуқуқ ва "
        "уҳдадориҳои худро донед, бехатар ва қонунӣ кор кунед.</p>",
        "<p>Онлайн-обучение Ресурсного центра для мигрантов: до отъезда узнайте свои "
        "права и обязанности, работайте безопасно и легально.</p>",
        "<p>Online learning from the Migrant Resource Centre: know your rights and duties "
        "before you leave, and work safely and legally.</p>",
        uz="<p>Migrantlar resurs markazining onlayn taʼlimi: safardan oldin huquq va "
        "majburiyatlaringizni biling, xavfsiz va qonuniy ishlang.</p>",
    ),
}

TRACKS = [
    {
        "track": Track.MIGRANT,
        "slug": "orientation",
        "title": L(
            "Омодагӣ пеш аз сафар",
            "Предвыездная подготовка",
            "Pre-departure orientation",
            uz="Safarga tayyorgarlik",
        ),
        "intro": L(
            "<p>Барои касоне, ки ба кор ба хориҷа мераванд: ҳуҷҷатҳо, сарҳад, "
            "саломатӣ, ҳуқуқҳо ва бозгашт ба Ватан.</p>",
            "<p>Для тех, кто едет работать за рубеж: документы, граница, здоровье, "
            "права и возвращение домой.</p>",
            "<p>For people going to work abroad: documents, the border, health, your "
            "rights and coming home.</p>",
            uz="<p>Chet elga ishga ketayotganlar uchun: hujjatlar, chegara, sogʻliq, "
            "huquqlar va vatanga qaytish.</p>",
        ),
    },
    {
        "track": Track.STAFF,
        "slug": "trainers",
        "title": L(
            "Сертификатсияи тренерҳо",
            "Сертификация тренеров",
            "Trainer certification",
            uz="Trenerlarni sertifikatlash",
        ),
        "intro": L(
            "<p>Барои кормандони вазорат ва Хадамоти муҳоҷират, ки машғулиятҳои "
            "пеш аз сафарро мегузаронанд.</p>",
            "<p>Для сотрудников министерства и Миграционной службы, которые проводят "
            "предвыездные занятия.</p>",
            "<p>For ministry and Migration Service staff who run pre-departure sessions.</p>",
            uz="<p>Safar oldi mashgʻulotlarini oʻtkazadigan vazirlik va Migratsiya xizmati "
            "xodimlari uchun.</p>",
        ),
    },
]

IMAGES = {
    "journey": "Safar: the road and the plane (demo illustration)",
    "border": "Passport at the border barrier (demo illustration)",
    "classroom": "A pre-departure session (demo illustration)",
}

CONTACT_CARDS = {
    "mrc": {
        "kind": "mrc",
        "name": L(
            "Маркази захиравии муҳоҷирон (МЗМ)",
            "Ресурсный центр для мигрантов (РЦМ)",
            "Migrant Resource Centre (MRC)",
        ),
        "address": L(
            "ш. Душанбе, кӯчаи Борбад 71, ошёнаи 5",
            "г. Душанбе, ул. Борбад 71, 5 этаж",
            "Borbad street 71, 5th floor, Dushanbe",
        ),
        "email": "info@mrc-tajikistan.org",
        "website": "http://www.mrc-tajikistan.org",
        "hours": L("Душанбе–Ҷумъа", "Понедельник–пятница", "Monday to Friday"),
        "note": L(
            "Машварати ройгон пеш аз сафар ва пас аз бозгашт.",
            "Бесплатные консультации до отъезда и после возвращения.",
            "Free advice before you leave and after you come back.",
        ),
    },
    "emergency": {
        "kind": "hotline",
        "name": L(
            "Рақами ягонаи ёрии таъҷилӣ дар Россия ва Қазоқистон",
            "Единый номер экстренных служб в России и Казахстане",
            "Emergency number in Russia and Kazakhstan",
        ),
        "phone": "112",
        "hours": L("Шабонарӯзӣ", "Круглосуточно", "Day and night"),
        "note": L(
            "Полиса, ёрии таъҷилӣ ва сӯхторхомӯшкунӣ. Занг ройгон аст.",
            "Полиция, скорая помощь и пожарные. Звонок бесплатный.",
            "Police, ambulance and fire service. The call is free.",
        ),
    },
    "police-tj": {
        "kind": "hotline",
        "name": L(
            "Милиса дар Тоҷикистон",
            "Милиция в Таджикистане",
            "Police in Tajikistan",
        ),
        "phone": "102",
        "hours": L("Шабонарӯзӣ", "Круглосуточно", "Day and night"),
        "note": L(
            "Агар шумо ё наздикони шумо қурбонии хариду фурӯши одамон шуда бошед.",
            "Если вы или ваши близкие стали жертвами торговли людьми.",
            "If you or your family have been trafficked.",
        ),
    },
    "embassy-ru": {
        "kind": "embassy",
        "name": L(
            "Сафорати Ҷумҳурии Тоҷикистон дар Федератсияи Россия",
            "Посольство Республики Таджикистан в Российской Федерации",
            "Embassy of the Republic of Tajikistan in the Russian Federation",
        ),
        "address": L("ш. Маскав", "г. Москва", "Moscow"),
        "note": L(
            "Рақамҳои телефони ҳозираи сафорат ва консулгариҳоро пеш аз сафар дар "
            "МЗМ пурсед ва дар телефонатон нигоҳ доред.",
            "Актуальные телефоны посольства и консульств узнайте в РЦМ до отъезда "
            "и сохраните в телефоне.",
            "Ask the MRC for the current phone numbers of the embassy and consulates "
            "before you leave, and save them in your phone.",
        ),
    },
}

COUNTRIES = {
    "RU": L("Россия", "Россия", "Russia"),
    "KZ": L("Қазоқистон", "Казахстан", "Kazakhstan"),
    "KR": L("Ҷумҳурии Корея", "Республика Корея", "Republic of Korea"),
    "TR": L("Туркия", "Турция", "Turkey (Türkiye)"),
    "PL": L("Лаҳистон", "Польша", "Poland"),
    "DE": L("Олмон", "Германия", "Germany"),
    "AE": L("Аморати Муттаҳидаи Араб", "Объединённые Арабские Эмираты", "United Arab Emirates"),
}
