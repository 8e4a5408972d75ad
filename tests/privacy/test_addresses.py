"""Table-driven tests for street addresses in many countries' forms."""

from __future__ import annotations

import pytest

from privacy.addresses import StreetAddressRecognizer


def found(text: str) -> list[str]:
    recognizer = StreetAddressRecognizer()
    return sorted(text[r.start : r.end] for r in recognizer.analyze(text, ["STREET_ADDRESS"]))


ADDRESSES = [
    # A lowercase town and state closing an address typed in chat.
    ("address for my letter: 45 Shawmut Rd, canton ma. thanks", ["45 Shawmut Rd, canton ma"]),
    ("my addy is 42 elm st apt 3b", ["42 elm st apt 3b"]),
    ("1200 Commonwealth Ave, Boston, MA 02134", ["1200 Commonwealth Ave, Boston, MA 02134"]),
    ("send it to 7 N. Maple Street #4", ["7 N. Maple Street #4"]),
    ("PO Box 1187", ["PO Box 1187"]),
    ("new flat: Flat 2, 9 Mill Road, York YO1 6AB!", ["Flat 2, 9 Mill Road, York YO1 6AB"]),
    ("88 King St W, Toronto, ON M5H 1A1", ["88 King St W, Toronto, ON M5H 1A1"]),
    ("Unit 4/18 Beach St, Manly NSW 2095", ["Unit 4/18 Beach St, Manly NSW 2095"]),
    ("neue adresse: Bergstraße 7, 10115 Berlin.", ["Bergstraße 7, 10115 Berlin"]),
    ("c'est 5 rue des Lilas, 69003 Lyon", ["5 rue des Lilas, 69003 Lyon"]),
    ("vivo en Calle Sol 12, 2º A, 28004 Madrid", ["Calle Sol 12, 2º A, 28004 Madrid"]),
    (
        "Rua Verde 300, apto 12, São Paulo - SP, 01310-100",
        ["Rua Verde 300, apto 12, São Paulo - SP, 01310-100"],
    ),
    ("Keizersgracht 12, 1015 CS Amsterdam", ["Keizersgracht 12, 1015 CS Amsterdam"]),
    ("lowercase too: 9 oak rd, salem ma 01970 thx", ["9 oak rd, salem ma 01970"]),
    ("its willow ave 122 by the gas station", ["willow ave 122"]),
    ("RR 2 Box 40, Dover, VT 05341", ["RR 2 Box 40, Dover, VT 05341"]),
    ("Signature\nLindenweg 3\n50667 Köln", ["Lindenweg 3\n50667 Köln"]),
    ("1-2-3 Ginza, Chuo-ku, Tokyo 104-0061", ["1-2-3 Ginza, Chuo-ku, Tokyo 104-0061"]),
    ("Plot 4, Block 2, Marina Road, Lagos", ["Plot 4, Block 2, Marina Road, Lagos"]),
    ("B-17, Sector 21, Noida 201301", ["B-17, Sector 21, Noida 201301"]),
    (
        "send it to Whitman Hall, 22 College Rd, Box 3318, Northbridge, MA 01850",
        ["Whitman Hall, 22 College Rd, Box 3318, Northbridge, MA 01850"],
    ),
    (
        "The Old Rectory, Church Lane, Little Snoring, Norfolk NR21 0AA",
        ["The Old Rectory, Church Lane, Little Snoring, Norfolk NR21 0AA"],
    ),
    (
        "No. 14, 3rd Main Road, Besant Nagar, Chennai 600090",
        ["No. 14, 3rd Main Road, Besant Nagar, Chennai 600090"],
    ),
    (
        "12 Sejong-daero 3-gil, Jongno-gu, Seoul 03154",
        ["12 Sejong-daero 3-gil, Jongno-gu, Seoul 03154"],
    ),
    (
        "Atatürk Cad. No: 45 D: 3, Kadıköy, İstanbul",
        ["Atatürk Cad. No: 45 D: 3, Kadıköy, İstanbul"],
    ),
    ("Ngõ 12 Phố Huế, Hai Bà Trưng, Hà Nội", ["Ngõ 12 Phố Huế, Hai Bà Trưng, Hà Nội"]),
    ("its forty two Oak Terrace in Riverton", ["forty two Oak Terrace"]),
    (
        "one twenty three main street apartment four",
        ["one twenty three main street apartment four"],
    ),
    (
        "mail it to Whitman Hall Room 214, 80 Campus Dr, Northbridge, MA 01850",
        ["Whitman Hall Room 214, 80 Campus Dr, Northbridge, MA 01850"],
    ),
    (
        "CPO 1234, 1 College Ave, Northbridge MA 01850",
        ["CPO 1234, 1 College Ave, Northbridge MA 01850"],
    ),
    ("my campus box is MSC 1234", ["MSC 1234"]),
    ("12 Elm St Apt 3B Boston MA 02134", ["12 Elm St Apt 3B Boston MA 02134"]),
    ("12 Elm St., Boston, Mass. 02134", ["12 Elm St., Boston, Mass. 02134"]),
    ("12 1/2 Elm St", ["12 1/2 Elm St"]),
    ("shipping to 500 College Ave, Dorm B-214", ["500 College Ave, Dorm B-214"]),
    (
        "Flat 2, Adeola Crescent, off Allen Avenue, Ikeja, Lagos",
        ["Flat 2, Adeola Crescent, off Allen Avenue, Ikeja, Lagos"],
    ),
    ("Via dei Tribunali 18, int. 3, 80138 Napoli", ["Via dei Tribunali 18, int. 3, 80138 Napoli"]),
    (
        "Calle 47 No. 512-B x 60 y 62, Centro, 97000 Mérida",
        ["Calle 47 No. 512-B x 60 y 62, Centro, 97000 Mérida"],
    ),
    ("send it to 880 S 1300 E, Provo, UT 84606", ["880 S 1300 E, Provo, UT 84606"]),
    ("W2210 County Road JJ, Tomah, WI 54660", ["W2210 County Road JJ, Tomah, WI 54660"]),
    (
        "Maple Heights 204, 3-4-12 Nishi Shinjuku, Shinjuku-ku, Tokyo 160-0023",
        ["Maple Heights 204, 3-4-12 Nishi Shinjuku, Shinjuku-ku, Tokyo 160-0023"],
    ),
    (
        "〒160-0023 東京都新宿区西新宿3-4-12 メープルハイツ204",
        ["〒160-0023 東京都新宿区西新宿3-4-12 メープルハイツ204"],
    ),
    (
        "Unit 9C, Rockwell Tower 3, 5th Ave., Makati",
        ["Unit 9C, Rockwell Tower 3, 5th Ave., Makati"],
    ),
    (
        "its nineteen ten elm grove road chicago illinois six oh six one four ok",
        ["nineteen ten elm grove road chicago illinois six oh six one four"],
    ),
    (
        "apartment 3 block B river walk quay dublin 4 D04 AB12",
        ["apartment 3 block B river walk quay dublin 4 D04 AB12"],
    ),
    (
        "No. 9, 4th Cross Road, Jayanagar\nBengaluru, Karnataka 560011",
        ["No. 9, 4th Cross Road, Jayanagar\nBengaluru, Karnataka 560011"],
    ),
    ("Derrynane\nCo. Kerry V93 XK22", ["Co. Kerry V93 XK22"]),
    (
        "H.No. 8-3-214/B/12, Ameerpet, Hyderabad 500016",
        ["H.No. 8-3-214/B/12, Ameerpet, Hyderabad 500016"],
    ),
    ("Blk 9 Lot 4, Villa Verde, Imus, Cavite", ["Blk 9 Lot 4, Villa Verde, Imus, Cavite"]),
    (
        "Jl. Kemang Raya No. 12, RT 02/RW 04, Jakarta Selatan 12730",
        ["Jl. Kemang Raya No. 12, RT 02/RW 04, Jakarta Selatan 12730"],
    ),
    (
        "No. 8, Jalan SS 15/4, 47500 Subang Jaya, Selangor",
        ["No. 8, Jalan SS 15/4, 47500 Subang Jaya, Selangor"],
    ),
    (
        "Lot 7, Jalan Bukit Bintang, 55100 Kuala Lumpur",
        ["Lot 7, Jalan Bukit Bintang, 55100 Kuala Lumpur"],
    ),
    ("Am Rathaus 4, 04109 Leipzig", ["Am Rathaus 4, 04109 Leipzig"]),
    ("Rehov Dizengoff 40, Tel Aviv", ["Rehov Dizengoff 40, Tel Aviv"]),
    ("41 avenue Hassan II, Rabat 10000", ["41 avenue Hassan II, Rabat 10000"]),
    ("Plot 44, Wuse Zone 4, Garki, Abuja", ["Plot 44, Wuse Zone 4, Garki, Abuja"]),
    ("Stand 512, Avondale, Harare", ["Stand 512, Avondale, Harare"]),
    ("i wrote it on plot 2 of the graph, thanks", []),
    ("Avenida Santa Fe 3100, C1425 Buenos Aires", ["Avenida Santa Fe 3100, C1425 Buenos Aires"]),
    ("44 Bagamoyo Road, Dar es Salaam", ["44 Bagamoyo Road, Dar es Salaam"]),
    ("8/2 Cathedral Salai, Chennai 600086", ["8/2 Cathedral Salai, Chennai 600086"]),
    (
        "Flat 9, 3/F, 22 Kimberley Road, Tsim Sha Tsui",
        ["Flat 9, 3/F, 22 Kimberley Road, Tsim Sha Tsui"],
    ),
    (
        "31 Orchard Parade, #04-11, Singapore 238883",
        ["31 Orchard Parade, #04-11, Singapore 238883"],
    ),
    (
        "Block 12, #03-45, Bedok North Street 3, Singapore 460012",
        ["Block 12, #03-45, Bedok North Street 3, Singapore 460012"],
    ),
    (
        "Office 4, 2nd Floor, Al Fahad Building, Khalid Bin Walid Road, Dubai",
        ["Office 4, 2nd Floor, Al Fahad Building, Khalid Bin Walid Road, Dubai"],
    ),
    ("18 Jalan Sultan Ismail, 50250 Kuala Lumpur", ["18 Jalan Sultan Ismail, 50250 Kuala Lumpur"]),
    ("PSC 802, Box 41, APO AE 09499", ["PSC 802, Box 41, APO AE 09499"]),
    # Floors, doors and landmarks as locals write them.
    ("Rua do Almada 88, 2.º Dto., 4050-032 Porto", ["Rua do Almada 88, 2.º Dto., 4050-032 Porto"]),
    (
        "Bergmannstraße 12, 2. OG rechts, 10961 Berlin",
        ["Bergmannstraße 12, 2. OG rechts, 10961 Berlin"],
    ),
    (
        "Via Chiaia 40, scala A, int. 3, 80121 Napoli",
        ["Via Chiaia 40, scala A, int. 3, 80121 Napoli"],
    ),
    (
        "Carrer de Sants 120, 3r 1a, 08028 Barcelona",
        ["Carrer de Sants 120, 3r 1a, 08028 Barcelona"],
    ),
    (
        "Bât. C, 2e étage, 8 rue Victor Hugo, 69002 Lyon",
        ["Bât. C, 2e étage, 8 rue Victor Hugo, 69002 Lyon"],
    ),
    (
        "Flat 12, Lotus Residency, 3rd Cross, near Ram Mandir, Jayanagar, Bengaluru 560041",
        ["Flat 12, Lotus Residency, 3rd Cross, near Ram Mandir, Jayanagar, Bengaluru 560041"],
    ),
    (
        "Shop No. 3, opp. Bus Stand, Mall Road, Shimla 171001",
        ["Shop No. 3, opp. Bus Stand, Mall Road, Shimla 171001"],
    ),
    (
        "Plot 9 Block B, behind Shell station, Adum, Kumasi",
        ["Plot 9 Block B, behind Shell station, Adum, Kumasi"],
    ),
    (
        "22 Tahrir Street, 3rd floor, flat 6, Dokki, Giza",
        ["22 Tahrir Street, 3rd floor, flat 6, Dokki, Giza"],
    ),
    (
        "Số 8, ngõ 12, phố Huế, quận Hai Bà Trưng, Hà Nội",
        ["Số 8, ngõ 12, phố Huế, quận Hai Bà Trưng, Hà Nội"],
    ),
    (
        "Tokyo-to Minato-ku Roppongi 6-10-1, Hills Residence 2301",
        ["Tokyo-to Minato-ku Roppongi 6-10-1, Hills Residence 2301"],
    ),
    (
        "Seoul Mapo-gu Yanghwa-ro 45, 102-dong 801-ho",
        ["Seoul Mapo-gu Yanghwa-ro 45, 102-dong 801-ho"],
    ),
    (
        "Beijing Shi Haidian Qu Zhichun Lu 12 Hao 5 Haolou 302 Shi",
        ["Beijing Shi Haidian Qu Zhichun Lu 12 Hao 5 Haolou 302 Shi"],
    ),
    (
        "Urb. Los Pinos, Calle 12 Bloque 40 #7, Bayamón, PR 00956",
        ["Urb. Los Pinos, Calle 12 Bloque 40 #7, Bayamón, PR 00956"],
    ),
    (
        "its two ten north main street apartment four b ok",
        ["two ten north main street apartment four b"],
    ),
    ("Sort code: 20-32-06\nAccount no.: 53918427", []),
    ("Flat 4\n22 Mill Lane\nYork YO1 7HU", ["Flat 4\n22 Mill Lane\nYork YO1 7HU"]),
    ("its 9 Birch Ct in Dayton, OH 45402 ok", ["9 Birch Ct in Dayton, OH 45402"]),
    ("3 Chome-5-2 Shibuya, Tokyo 150-0002", ["3 Chome-5-2 Shibuya, Tokyo 150-0002"]),
    ("Calle Feria 22, bajo A, 41003 Sevilla", ["Calle Feria 22, bajo A, 41003 Sevilla"]),
    # Look-alikes that are not addresses.
    ("apply by Nov 15 via Handshake", []),
    ("in my lab during the 2024 academic year\n\nProf. Dr. Kraus", []),
    ("two blocks down the street", []),
    ("its a one way street", []),
    ("Church Lane is lovely in spring", []),
    ("we meet in room 204 at 3", []),
    ("I have 2 classes on main campus", []),
    ("the rec is due dec 1 via the portal", []),
    ("Spring 2025 starts soon", []),
    ("ME 2350, MATH 2341, PHYS 1155 and a writing class", []),
    ("it's at 42 Elm St. Meet me there", ["42 Elm St."]),
    # Chat forms: typos, no suffix in a grid city, rear units, units after "st.".
    ("new place is 640 Beacon stree, apt 5F lol", ["640 Beacon stree, apt 5F"]),
    ("it's 2604 S Kedzie. no ave on the mailbox", ["2604 S Kedzie"]),
    ("it's 2310 w 18th pl chicago il 60608. he's at work", ["2310 w 18th pl chicago il 60608"]),
    (
        "unit at 33 Linwood St Rear, Somerville MA 02143, go down",
        ["33 Linwood St Rear, Somerville MA 02143"],
    ),
    ("my address is 3625 S. Figueroa st. apt #310 i think", ["3625 S. Figueroa st. apt #310"]),
    (
        "appt is 95 Brighton ave appt 12, allston. buzzer's broken",
        ["95 Brighton ave appt 12, allston"],
    ),
    (
        "we moved to 2241 Mission Street apartment 6 San Francisco 94110 so",
        ["2241 Mission Street apartment 6 San Francisco 94110"],
    ),
    (
        "twelve twenty seven Magnolia Avenue unit five Long Beach California nine zero eight one three",
        [
            "twelve twenty seven Magnolia Avenue unit five Long Beach California nine zero eight one three"
        ],
    ),
    (
        "From: J. Okonkwo\nUnit 2050 Box 4190\nAPO AP 96278-2050",
        ["Unit 2050 Box 4190\nAPO AP 96278-2050"],
    ),
    # Elsewhere, as locals write them.
    (
        "mum's address is 2/1, 14 Ashgrove Terrace, Glasgow G12 8LL.",
        ["2/1, 14 Ashgrove Terrace, Glasgow G12 8LL"],
    ),
    (
        "ik woon op Oudegracht 214-bis, 3511 NV Utrecht, vlak bij de Dom.",
        ["Oudegracht 214-bis, 3511 NV Utrecht"],
    ),
    ("post it to P.O. Box KS 1044, Kumasi, the house", ["P.O. Box KS 1044, Kumasi"]),
    (
        "#17, 2nd Cross, 4th Main, Koramangala 5th Block, Bengaluru 560095.",
        ["#17, 2nd Cross, 4th Main, Koramangala 5th Block, Bengaluru 560095"],
    ),
    ("45-B, Block J, Gulberg III, Lahore. DHL knows it", ["45-B, Block J, Gulberg III, Lahore"]),
    (
        "5F., No. 390, Sec. 1, Fuxing S. Rd., Da'an Dist., Taipei City 106",
        ["5F., No. 390, Sec. 1, Fuxing S. Rd., Da'an Dist., Taipei City 106"],
    ),
    (
        "English: 302-1104, 94 Wausan-ro, Mapo-gu, Seoul 04066",
        ["302-1104, 94 Wausan-ro, Mapo-gu, Seoul 04066"],
    ),
    (
        "99/42 Soi Sukhumvit 71, Khlong Tan Nuea, Watthana, Bangkok 10110 ka",
        ["99/42 Soi Sukhumvit 71, Khlong Tan Nuea, Watthana, Bangkok 10110"],
    ),
    (
        "mami: Urb. Villa Fontana, Calle 46 Bloque 4SS #12, Carolina, PR 00983. she",
        ["Urb. Villa Fontana, Calle 46 Bloque 4SS #12, Carolina, PR 00983"],
    ),
    (
        "Villa 112, Sicap Liberté 6, Dakar. tonton Moussa lives there",
        ["Villa 112, Sicap Liberté 6, Dakar"],
    ),
    (
        "Kyiv: вул. Саксаганського, 41, кв. 15, Київ, 01033. Nova Poshta",
        ["вул. Саксаганського, 41, кв. 15, Київ, 01033"],
    ),
    (
        "آدرس: تهران، خیابان ولیعصر، کوچه بهار، پلاک ۸، واحد ۳. my mom",
        ["تهران، خیابان ولیعصر، کوچه بهار، پلاک ۸، واحد ۳"],
    ),
    (
        "Post it to Apt 12, The Maltings, Bridge St, Dundalk, Co. Louth A91 X2K3 and",
        ["Apt 12, The Maltings, Bridge St, Dundalk, Co. Louth A91 X2K3"],
    ),
    ("Unit sizes from 540 sq ft.", []),
    ("a 54 on Dr. Whitlock's first midterm", []),
    ("Shuttle runs every 30 min from Forsyth St on March 7", []),
    ("Subject: Welcome to Peer Mentoring 2024–25", []),
    ("Forwarding address line 1: 9640 Bolsa Ave Spc 41\nCity", ["9640 Bolsa Ave Spc 41"]),
    ("plumber coming for 419 Dudley #3. Please", ["419 Dudley #3"]),
    (
        "Old No. 12, New No. 27, 3rd Cross St, Kasturba Nagar, Adyar, Chennai 600020",
        ["Old No. 12, New No. 27, 3rd Cross St, Kasturba Nagar, Adyar, Chennai 600020"],
    ),
    ("School\nP.O. Box 48211 – 00100, Nairobi\nKenya", ["P.O. Box 48211 – 00100, Nairobi"]),
    (
        "form: 6a Avenida 12-34, Zona 1, Ciudad de Guatemala. is",
        ["6a Avenida 12-34, Zona 1, Ciudad de Guatemala"],
    ),
    (
        "Str. Mihai Eminescu nr. 42, bl. A3, sc. 2, ap. 17, Sector 2, București",
        ["Str. Mihai Eminescu nr. 42, bl. A3, sc. 2, ap. 17, Sector 2, București"],
    ),
    (
        "my family is at Villa 27, Street 14b, Al Barsha 2, Dubai. the",
        ["Villa 27, Street 14b, Al Barsha 2, Dubai"],
    ),
    (
        "uncle, Bole Sub-City, Woreda 03, House No. 1187, Addis Ababa, +251",
        ["Bole Sub-City, Woreda 03, House No. 1187, Addis Ababa"],
    ),
    ("arabic: ١٢ شارع النيل، العجوزة، الجيزة (nile st)", ["١٢ شارع النيل، العجوزة، الجيزة"]),
    ("haifa: רחוב הרצל 42, דירה 6, חיפה (herzl st)", ["רחוב הרצל 42, דירה 6, חיפה"]),
    ("the address is 42 elm st, lol.", ["42 elm st"]),
]


@pytest.mark.parametrize(("text", "expected"), ADDRESSES)
def test_street_addresses(text: str, expected: list[str]) -> None:
    assert found(text) == expected


def test_a_full_stop_ends_the_address() -> None:
    text = "my kot is Naamsestraat 63 bus 2, 3000 Leuven. gsm 0470 12 34 56"
    assert found(text) == ["Naamsestraat 63 bus 2, 3000 Leuven"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Home address: Knockbrack, Ballyvourney\nPhone: 0", ["Knockbrack, Ballyvourney"]),
        (
            "5 Address: N5421 COUNTY ROAD K\n6 City, state, ZIP: MERRILL WI 54452",
            ["MERRILL WI 54452"],
        ),
        ("Town/State/Postcode: Gympie QLD 4570\nCountry: Australia", ["Gympie QLD 4570"]),
        ("Mailing address: same as above\nEmail: a@b.example", []),
        ("Address: see portal", []),
        ("City, state, and ZIP code: Bethesda, MD 20814\nSSN: x", ["Bethesda, MD 20814"]),
        (
            "Mailing:\nLine 1: Calle 10 Sur #43A-7, Apto 501\nLine 2: Medellín, Antioquia 050021",
            ["Calle 10 Sur #43A-7, Apto 501", "Medellín, Antioquia 050021"],
        ),
        ("Order form\nLine 1: 2 notebooks, 1 pen", []),
    ],
)
def test_form_lines_that_say_they_hold_an_address(text: str, expected: list[str]) -> None:
    results = StreetAddressRecognizer().analyze(text, ["STREET_ADDRESS"])
    found = [text[r.start : r.end] for r in results]
    assert all(any(e in f for f in found) for e in expected)
    assert bool(found) == bool(expected)


@pytest.mark.parametrize(
    "text",
    [text for text, _ in ADDRESSES]
    + [
        "C/ Mayor 5, 28013 Madrid",
        "Av. Paulista 1578, apto 42",
        "twenty two BAKER STREET",
        "Flat 3B, Sector 12, Dwarka",
        "14 Rue de Rivoli, 75004 Paris",
        "số 12 phố Hàng Bạc, Hoàn Kiếm",
        "Apt12, Maple Court",
        "Road 14, no address here",
        "CPO 4417 or campus mailbox 88",
        "RR 2, Box 9, Harlan",
        "1200 County Road 14",
        "No. 45, 3rd Cross, Indiranagar",
        "123 Nguyen Trai, QUẬN 5",
        "Atatürk Cad. No:45 D:3",
        "Carrera 7 No. 71-21, Bogotá",
        "2-chome-4-1 Marunouchi",
        "〒100-0005 東京都千代田区丸の内1-4-1",
        "서울특별시 마포구 와우산로 94",
        "45 Sejong-ro, Jongno-gu",
    ],
)
def test_word_gates_never_hide_an_address(text: str) -> None:
    """An anchor skipped for want of its street word could not have matched anyway."""
    gated = StreetAddressRecognizer()
    ungated = StreetAddressRecognizer()
    ungated._anchors = [(name, pattern, (), False) for name, pattern, _, _ in ungated._anchors]
    spans = [(r.start, r.end) for r in gated.analyze(text, ["STREET_ADDRESS"])]
    assert spans == [(r.start, r.end) for r in ungated.analyze(text, ["STREET_ADDRESS"])]
