"""Institutions, state bodies and places the KB does not list, by the constructions of
the language (issue 13). Every sentence is written for the test with the construction
an article used, never an article's own sentence."""

from __future__ import annotations

import pytest

from pactwatch.actors.kb import default_kb
from pactwatch.actors.stage import recognise
from pactwatch.document import Actor, Document


def actors(text: str, language: str = "vi") -> dict[str, Actor]:
    doc = Document(text=text, id="t", language=language)
    return {a.id: a for a in recognise(doc, default_kb())}


def named(found: dict[str, Actor]) -> dict[str, tuple[str, list[str]]]:
    """kind and mention texts by the first mention's text."""
    return {a.mentions[0].text: (a.kind, [m.text for m in a.mentions]) for a in found.values()
            if a.mentions}


# -- Vietnamese: armed services -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "body", "country"),
    [
        # a service written in lower case mid-sentence
        ("Tàu cứu hộ của hải quân Chile đã lên đường.", "government_body:chl-navy", "country:CHL"),
        ("Máy bay của không quân Ba Lan hạ cánh.", "government_body:pol-air-force",
         "country:POL"),
        # after a rank or a command, the officer belongs to the service, which is named
        ("Phó đô đốc hải quân Peru Juan Pérez cho biết tàu đã chìm.",
         "government_body:per-navy", "country:PER"),
        ("Tư lệnh hải quân Malaysia khẳng định sẽ hỗ trợ.", "government_body:mys-navy",
         "country:MYS"),
        # a historic state owns its service too
        ("Nước này mua lại tàu cũ của hải quân Đông Đức.", "government_body:ddr-navy",
         "country:DDR"),
    ],
)
def test_a_service_is_a_body_and_names_its_state(text: str, body: str, country: str) -> None:
    found = actors(text)
    assert found[body].kind == "government_body"
    assert country in found, "the service's owner is named as well"


def test_a_ministers_title_keeps_the_service_inside_it() -> None:
    found = actors("Bộ trưởng Hải quân Mỹ John Doe tới Manila.")
    assert "government_body:usa-navy" not in found


# -- Vietnamese: waters and their heads -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Tàu đánh cá mất tích ở biển Sulu tuần trước.", "biển Sulu"),
        ("Chiến hạm đi qua eo biển Lombok.", "eo biển Lombok"),
        ("Cảng nằm bên vịnh Manila.", "vịnh Manila"),
        ("Hai bên giao tranh gần hồ Chad.", "hồ Chad"),
        ("Tàu hàng mắc cạn trong kênh đào Kiel.", "kênh đào Kiel"),
    ],
)
def test_a_water_is_named_with_its_head(text: str, said: str) -> None:
    found = named(actors(text))
    assert found[said][0] == "place"


def test_a_coast_or_a_states_waters_are_no_sea_of_their_own() -> None:
    found = named(actors("Tàu mắc cạn ở bờ biển Lombok, trong vùng biển Malaysia."))
    assert found["Lombok"][0] == "place"
    assert "biển Lombok" not in found
    assert "biển Malaysia" not in found and found["Malaysia"][0] == "country"


def test_seabed_is_no_sea() -> None:
    found = named(actors("Công ty khảo sát đáy biển Seabed Quest nhận nhiệm vụ."))
    assert "biển Seabed Quest" not in found


def test_a_capitalised_ho_is_a_family_name_not_a_lake() -> None:
    found = named(actors("Ông Hồ Văn Nam nói với báo chí. Tàu thả neo trên hồ Victoria."))
    assert "Hồ Văn Nam" not in found and "Văn Nam" not in found
    assert found["hồ Victoria"][0] == "place"


# -- Vietnamese: institutions written out in full --------------------------------------------


@pytest.mark.parametrize(
    ("text", "said", "kind"),
    [
        # "và" between two capitalised words of one name
        ("Theo một học giả tại Viện Nghiên cứu Kinh tế và Xã hội ở Bangkok, giá tăng.",
         "Viện Nghiên cứu Kinh tế và Xã hội", "organization"),
        ("Cục Quản lý Dầu khí và Khoáng sản Brazil cấp phép khai thác.",
         "Cục Quản lý Dầu khí và Khoáng sản Brazil", "government_body"),
        # a long name up to its state
        ("Cục Quản lý An toàn Bức xạ Hạt nhân Quốc gia Canada đã kiểm tra.",
         "Cục Quản lý An toàn Bức xạ Hạt nhân Quốc gia Canada", "government_body"),
        # a head, a lower-case description and the proper name
        ("Ông Smith, chuyên gia tại Viện hàng hải Canada, cho biết.",
         "Viện hàng hải Canada", "organization"),
        ("Bà Lee, nhà nghiên cứu tại Viện nghiên cứu Brookings ở Mỹ, nhận định.",
         "Viện nghiên cứu Brookings", "organization"),
        ("Theo báo cáo, Văn phòng tình báo không quân Pháp xác nhận vụ việc.",
         "Văn phòng tình báo không quân Pháp", "government_body"),
        ("Ông Tan, giảng viên Trường Nghiên cứu Chiến lược Lee Kuan Yew, nói.",
         "Trường Nghiên cứu Chiến lược Lee Kuan Yew", "organization"),
    ],
)
def test_institutions_written_out(text: str, said: str, kind: str) -> None:
    found = named(actors(text))
    assert said in found, sorted(found)
    assert found[said][0] == kind


def test_a_described_service_is_one_name_not_two() -> None:
    found = actors("Theo báo cáo, Văn phòng tình báo không quân Pháp xác nhận vụ việc.")
    assert "government_body:fra-air-force" not in found
    assert "country:FRA" in found


@pytest.mark.parametrize(
    "text",
    [
        # a one-syllable head opening a sentence may be another word
        "Viện trợ quân sự Mỹ cho Kiev tăng mạnh.",
        # "và" before another institution, or before a state, ends the name
        "Bộ Y tế và Bộ Tài chính Lào họp.",
    ],
)
def test_no_described_institution(text: str) -> None:
    found = named(actors(text))
    assert "Viện trợ quân sự Mỹ" not in found
    assert "Bộ Y tế và Bộ Tài chính Lào" not in found


def test_a_head_that_is_a_given_name_is_no_school() -> None:
    found = named(actors("Tàu ngầm Trường Chinh - 20 ra khơi tuần trước."))
    assert "Trường Chinh" not in found


def test_a_title_case_heading_names_no_institution() -> None:
    found = named(actors("# Mỹ Thay Đổi Lập Trường Về Nga Sau Hội Nghị\n\nMỹ nói."))
    assert not any(kind in ("organization", "government_body") for kind, _ in found.values())


def test_a_region_describing_a_state_is_no_place() -> None:
    found = named(actors("Giá gạo tăng mạnh ở quốc gia Đông Nam Á này."))
    assert "Đông Nam Á" not in found
    found = named(actors("Các nước trong khu vực Đông Nam Á họp tại Jakarta."))
    assert found["Đông Nam Á"][0] == "place"


def test_indonesian_provinces_and_islands_are_places() -> None:
    found = actors("Động đất ở Tây Java và Bắc Sumatra; tàu rời Bali đi Sulawesi.")
    assert {"place:west-java", "place:north-sumatra", "place:bali", "place:sulawesi"} <= set(found)


# -- English: institutions by their head ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "said", "kind"),
    [
        ("Analysts at the Institute for Peace Research estimated the losses.",
         "Institute for Peace Research", "organization"),
        ("A professor at Eastbrook University said the talks would fail.",
         "Eastbrook University", "organization"),
        ("The Ministry of Agriculture did not respond to a request.",
         "Ministry of Agriculture", "government_body"),
        ("The Fisheries and Ocean Ministry expects a shortfall.",
         "Fisheries and Ocean Ministry", "government_body"),
        ("The State Forestry Service of Georgia said fires had spread.",
         "State Forestry Service of Georgia", "government_body"),
        ("Photo: Soldiers of the Moldovan Armed Forces at a parade.",
         "Moldovan Armed Forces", "government_body"),
        ("A study by the Oslo Academy of Conflict and Human Rights Law found abuses.",
         "Oslo Academy of Conflict and Human Rights Law", "organization"),
        # a possessive no actor owns is a word of the name
        ("Jane Roe, a historian at Queen's College London, said.", "Queen's College London",
         "organization"),
        # a council is a state's body with its state, an organisation without
        ("Addressing the Human Security Council in Vienna, she warned.",
         "Human Security Council", "organization"),
        ("Secretary of Iraq’s Supreme Defence Council Ali Hassan flew in.",
         "Supreme Defence Council", "government_body"),
    ],
)
def test_english_institutions(text: str, said: str, kind: str) -> None:
    found = named(actors(text, "en"))
    assert said in found, sorted(found)
    assert found[said][0] == kind


def test_an_english_abbreviation_after_the_name_joins_its_uses() -> None:
    found = actors("The Center for Arctic Studies, or CAS, a think tank, said. CAS added more.",
                   "en")
    org = next(a for a in found.values() if a.name == "Center for Arctic Studies")
    assert [m.text for m in org.mentions] == ["Center for Arctic Studies", "CAS", "CAS"]


@pytest.mark.parametrize(
    ("text", "not_said"),
    [
        ("The president told reporters on Air Force One that he was angry.", "Air Force"),
        ("They met at the Senate Palace of the Kremlin.", "Senate"),
        ("She made Academy Award history last night.", "Academy"),
        ("Army General Ivan Petrov chairs the meeting.", "Army"),
        ("Police said two people were hurt.", "Police"),
        ("The United States and European Union are pressing Moscow.",
         "United States and European Union"),
    ],
)
def test_no_english_institution(text: str, not_said: str) -> None:
    assert not_said not in named(actors(text, "en"))


def test_a_generic_name_is_the_body_named_before_in_full() -> None:
    found = actors("He spoke at the Belgian Foreign Ministry in May. At the Foreign Ministry, "
                   "he set out terms.", "en")
    bodies = [a for a in found.values() if a.kind == "government_body"]
    assert len(bodies) == 1
    assert [m.text for m in bodies[0].mentions] == ["Belgian Foreign Ministry", "Foreign Ministry"]


def test_a_generic_name_alone_is_no_actor() -> None:
    found = actors("In a speech to the Foreign Ministry, he set out his terms.", "en")
    assert not any(a.kind == "government_body" for a in found.values())


def test_a_typographic_apostrophe_matches_the_kb() -> None:
    found = actors("Russia’s Defense Ministry said on Monday that drones were downed.", "en")
    assert "government_body:russian-defence-ministry" in found


# -- English: a state's body by a lower-case noun ------------------------------------------


def test_a_body_by_its_owners_possessive() -> None:
    found = actors("Moldova’s general staff said the drills ended. The general staff added "
                   "that more would come.", "en")
    body = found["government_body:mda-general-staff"]
    assert body.name == "Moldova’s general staff"  # named with its owner, as written
    assert [m.text for m in body.mentions] == ["general staff", "general staff"]
    assert body.country == "MDA"
    assert "country:MDA" in found


def test_a_body_by_a_demonym() -> None:
    found = actors("The former Georgian central bank adviser said the central bank cut "
                   "rates.", "en")
    body = found["government_body:geo-central-bank"]
    assert [m.text for m in body.mentions] == ["Georgian central bank", "central bank"]


def test_a_body_noun_inside_a_longer_noun_is_none() -> None:
    found = actors("Latvia’s own intelligence agencies were wrong.", "en")
    assert not any(a.kind == "government_body" for a in found.values())


# -- English: places by a place noun or by their state ---------------------------------------


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Drones were downed over the Bryansk region overnight.", "Bryansk"),
        ("Strains show in Sverdlovsk Oblast, an industrial hub.", "Sverdlovsk"),
        ("Fragments fell in the city of Novoshakhtinsk, officials said.", "Novoshakhtinsk"),
        ("Troops advanced near Siversk town, Donetsk region.", "Siversk"),
        ("Talks opened in Lausanne, Switzerland, on Monday.", "Lausanne"),
        ("Refugees fled from Nyala, the capital of South Darfur.", "South Darfur"),
    ],
)
def test_english_places(text: str, said: str) -> None:
    found = named(actors(text, "en"))
    assert found.get(said, ("",))[0] == "place", sorted(found)


def test_a_name_before_a_states_possessive_is_no_located_place() -> None:
    found = named(actors("Officers at HUR, Ukraine’s military intelligence agency, knew.", "en"))
    assert found.get("HUR", ("",))[0] != "place"
