"""The invented world of the synthetic ACLED exports (bench/synthetic.py): countries, hot spots, place names,
the event mix, actors, weapons and outlets. Changing a value changes the generated files: bump
synthetic.GENERATOR_VERSION with it.
"""

from __future__ import annotations

COUNTRIES = {  # name: (ISO numeric, ISO3 prefix of event ids, (lat min, lat max, lon min, lon max), weight)
    "Iraq": (368, "IRQ", (29.5, 37.0, 39.5, 47.5), 0.20),
    "Syria": (760, "SYR", (32.5, 37.0, 36.0, 42.0), 0.22),
    "Yemen": (887, "YEM", (12.8, 18.5, 43.0, 52.0), 0.20),
    "Palestine": (275, "PSE", (31.25, 32.5, 34.25, 35.5), 0.12),
    "Israel": (376, "ISR", (29.6, 33.2, 34.3, 35.8), 0.06),
    "Lebanon": (422, "LBN", (33.1, 34.6, 35.2, 36.5), 0.10),
    "Iran": (364, "IRN", (26.0, 38.0, 46.0, 60.0), 0.05),
    "Jordan": (400, "JOR", (29.3, 32.5, 35.1, 38.5), 0.02),
    "Saudi Arabia": (682, "SAU", (17.0, 28.0, 38.0, 50.0), 0.03),
}
HOT_SPOTS = (  # (place, country, admin1, latitude, longitude, spread in degrees, share of the country's events)
    ("Baghdad", "Iraq", "Baghdad", 33.3152, 44.3661, 0.15, 0.30),
    ("Erbil", "Iraq", "Erbil", 36.1911, 44.0092, 0.10, 0.15),
    ("Ain al-Asad Airbase", "Iraq", "Al Anbar", 33.7856, 42.4412, 0.02, 0.10),
    ("Deir ez-Zor", "Syria", "Deir ez-Zor", 35.3359, 40.1408, 0.25, 0.30),
    ("Al-Tanf", "Syria", "Homs", 33.5039, 38.6186, 0.02, 0.05),
    ("Idlib", "Syria", "Idleb", 35.9306, 36.6339, 0.20, 0.25),
    ("Sanaa", "Yemen", "Amanat al Asimah", 15.3694, 44.1910, 0.10, 0.20),
    ("Al Hudaydah", "Yemen", "Al Hudaydah", 14.7978, 42.9545, 0.20, 0.25),
    ("Taizz", "Yemen", "Taizz", 13.5795, 44.0209, 0.15, 0.25),
    ("Gaza City", "Palestine", "Gaza Strip", 31.5017, 34.4668, 0.05, 0.45),
    ("Khan Younis", "Palestine", "Gaza Strip", 31.3462, 34.3063, 0.05, 0.30),
    ("Jenin", "Palestine", "West Bank", 32.4597, 35.3009, 0.08, 0.15),
    ("Bint Jbeil", "Lebanon", "Nabatieh", 33.1200, 35.4330, 0.08, 0.60),
)
ADMIN1 = {
    "Iraq": ("Baghdad", "Al Anbar", "Ninewa", "Erbil", "Salah al-Din", "Diyala", "Kirkuk", "Basrah", "Babil"),
    "Syria": ("Deir ez-Zor", "Aleppo", "Idleb", "Homs", "Hama", "Damascus", "Rural Damascus", "Dar'a", "Ar-Raqqa"),
    "Yemen": ("Amanat al Asimah", "Al Hudaydah", "Taizz", "Marib", "Al Dali", "Lahij", "Sadah", "Hajjah", "Aden"),
    "Palestine": ("Gaza Strip", "West Bank"),
    "Israel": ("Northern", "Southern", "Haifa", "Tel Aviv", "Jerusalem"),
    "Lebanon": ("Nabatieh", "South", "Bekaa", "Beirut", "Mount Lebanon"),
    "Iran": ("Tehran", "Sistan and Baluchestan", "Kurdistan", "Khuzestan", "Kerman"),
    "Jordan": ("Amman", "Irbid", "Mafraq", "Zarqa"),
    "Saudi Arabia": ("Jizan", "Najran", "Asir", "Eastern Province", "Riyadh"),
}
# Long lists of names are written as text split on spaces (or "|"): a few lines, where a list would take one each.
NAME_PREFIXES = tuple(
    "Al Tal Kafr Ain Beit Deir Jabal Wadi Bir Khirbet Umm Abu Ras Qasr Hay Suq Jisr Nahr Marj "  # noqa: SIM905
    "Qaryat".split()
)
NAME_ROOTS = tuple(
    "Hamid Nasr Qadisiyah Zahra Salam Karama Rashid Hadi Mansour Jazira Faris Amal Nour Sabah Khadra "  # noqa: SIM905
    "Bayda Hamra Zaytun Tin Rumman Shams Qamar Ward Balad Madina Sharq Gharb Wusta Jadida Qadima Hussein "
    "Abbas Omar Ali Mahmoud Yusuf Ibrahim Khalil Saleh Tariq".split()
)
NAME_SUFFIXES = ("", "", "", "", " al-Kabir", " al-Saghir", " al-Sharqi", " al-Gharbi", " al-Fawqa", " al-Tahta")
PLACES = 20_000  # the gazetteer the events are coded to: events repeat at places, as in ACLED

EVENT_MIX = (  # (event_type, share, disorder_type, sub-event shares in schema.SUB_EVENT_TYPES order)
    ("Explosions/Remote violence", 0.42, "Political violence", (0.0, 0.45, 0.01, 0.42, 0.10, 0.02)),
    ("Battles", 0.14, "Political violence", (0.90, 0.05, 0.05)),
    ("Protests", 0.20, "Demonstrations", (0.92, 0.06, 0.02)),
    ("Riots", 0.03, "Demonstrations", (0.6, 0.4)),
    ("Violence against civilians", 0.09, "Political violence", (0.02, 0.78, 0.20)),
    ("Strategic developments", 0.12, "Strategic developments", (0.05, 0.20, 0.08, 0.35, 0.04, 0.18, 0.02, 0.08)),
)
ACTORS = {  # country: [(actor, inter), ...]; the first few are the likeliest
    "Iraq": [
        ("Islamic Resistance in Iraq", "Political militia"),
        ("Military Forces of Iraq (2022-)", "State forces"),
        ("Military Forces of the United States (2021-)", "External/Other forces"),
        ("Popular Mobilization Forces", "State forces"),
        ("Islamic State (Iraq)", "Rebel group"),
        ("Unidentified Armed Group (Iraq)", "Political militia"),
    ],
    "Syria": [
        ("Military Forces of Syria (2000-2024)", "State forces"),
        ("HTS: Hayat Tahrir al Sham", "Rebel group"),
        ("SDF: Syrian Democratic Forces", "Rebel group"),
        ("Islamic State (Syria)", "Rebel group"),
        ("Military Forces of the United States (2021-)", "External/Other forces"),
        ("Military Forces of Israel (2022-)", "External/Other forces"),
        ("Unidentified Armed Group (Syria)", "Political militia"),
    ],
    "Yemen": [
        ("Ansar Allah", "Rebel group"),
        ("Military Forces of Yemen (2017-) Internationally Recognized Government", "State forces"),
        ("Military Forces of the United States (2021-)", "External/Other forces"),
        ("Military Forces of the United Kingdom (2019-)", "External/Other forces"),
        ("STC: Southern Transitional Council", "Political militia"),
    ],
    "Palestine": [
        ("Military Forces of Israel (2022-)", "External/Other forces"),
        ("Hamas Movement", "Rebel group"),
        ("Palestinian Islamic Jihad", "Rebel group"),
        ("Settlers (Israel)", "Identity militia"),
    ],
    "Israel": [
        ("Military Forces of Israel (2022-)", "State forces"),
        ("Hamas Movement", "Rebel group"),
        ("Hezbollah", "Political militia"),
        ("Ansar Allah", "Rebel group"),
    ],
    "Lebanon": [
        ("Hezbollah", "Political militia"),
        ("Military Forces of Israel (2022-)", "External/Other forces"),
        ("Amal Movement", "Political militia"),
    ],
    "Iran": [
        ("Military Forces of Iran (1989-)", "State forces"),
        ("Jaish al Adl", "Rebel group"),
        ("Police Forces of Iran (1989-)", "State forces"),
    ],
    "Jordan": [
        ("Military Forces of Jordan (1999-)", "State forces"),
        ("Unidentified Armed Group (Jordan)", "Political militia"),
    ],
    "Saudi Arabia": [("Military Forces of Saudi Arabia (2015-)", "State forces"), ("Ansar Allah", "Rebel group")],
}
ACTOR2 = ("Civilians ({c})", "Military Forces of the United States (2021-)", "Unidentified Armed Group ({c})", "")
WEAPONS = tuple(
    "a one-way attack drone|two rockets|a ballistic missile|mortar rounds|an explosive-laden drone|"  # noqa: SIM905
    "several Katyusha rockets|artillery shells|an improvised explosive device".split("|")
)
OUTLETS = tuple(
    "Shafaq News|Rudaw|Al-Masirah|Saba News Agency|SANA|Syrian Observatory for Human Rights|"  # noqa: SIM905
    "Times of Israel|Al Mayadeen|National News Agency|Reuters|AFP|Xinhua|CENTCOM|Twitter|Telegram|"
    "Baghdad Today|Nabd Suriya|Yemen Press Agency|WAFA|Al Jazeera".split("|")
)
SCALES = ("National", "Subnational-National", "New media", "Other-National", "International", "New media-National")
