"""Codes of the analysis record in words, in both languages, merged into
:data:`pactwatch.web.i18n.STRINGS`: event types (PLOVER), event modes, commitment types,
office roles (from the knowledge base's roles.yaml), and the strings of the pages that help
find one's way (map, paging, suggestions, the time range)."""

from __future__ import annotations

from functools import lru_cache

# PLOVER event types, in the order of the timeline's legend (cooperation to conflict)
EVENT_TYPES: dict[str, tuple[str, str]] = {
    "AGREE": ("thỏa thuận", "agree"),
    "CONSULT": ("tham vấn, hội đàm", "consult"),
    "SUPPORT": ("ủng hộ", "support"),
    "CONCEDE": ("nhượng bộ", "concede"),
    "COOPERATE": ("hợp tác", "cooperate"),
    "AID": ("viện trợ", "aid"),
    "RETREAT": ("rút lui", "retreat"),
    "REQUEST": ("đề nghị", "request"),
    "ACCUSE": ("cáo buộc", "accuse"),
    "REJECT": ("bác bỏ", "reject"),
    "THREATEN": ("đe dọa", "threaten"),
    "PROTEST": ("phản đối", "protest"),
    "SANCTION": ("trừng phạt", "sanction"),
    "MOBILIZE": ("huy động lực lượng", "mobilize"),
    "COERCE": ("cưỡng ép", "coerce"),
    "ASSAULT": ("tấn công", "assault"),
}
EVENT_MODES: dict[str, tuple[str, str]] = {
    "ceasefire": ("ngừng bắn", "ceasefire"),
    "exercise": ("tập trận", "exercise"),
    "meeting": ("gặp gỡ", "meeting"),
    "military": ("quân sự", "military"),
    "multilateral": ("đa phương", "multilateral"),
    "visit": ("chuyến thăm", "visit"),
    "weapons": ("vũ khí", "weapons"),
}
COMMITMENT_TYPES: dict[str, tuple[str, str]] = {
    "collective_defense": ("phòng thủ tập thể", "collective defence"),
    "security_guarantee": ("bảo đảm an ninh", "security guarantee"),
    "military_aid": ("viện trợ quân sự", "military aid"),
    "intelligence_support": ("hỗ trợ tình báo", "intelligence support"),
    "logistics_support": ("hỗ trợ hậu cần", "logistics support"),
    "troop_deployment": ("triển khai quân", "troop deployment"),
    "nuclear_deployment": ("triển khai vũ khí hạt nhân", "nuclear deployment"),
    "air_defense": ("phòng không", "air defence"),
    "economic_support": ("hỗ trợ kinh tế", "economic support"),
    "membership": ("gia nhập, thành viên", "membership"),
    "peace_plan": ("kế hoạch hòa bình", "peace plan"),
    "territorial_arrangement": ("dàn xếp lãnh thổ", "territorial arrangement"),
    # lifecycle families (a thread's type when its steps differ)
    "defense": ("phòng thủ", "defence"),
    "aid": ("viện trợ", "aid"),
    "deployment": ("triển khai", "deployment"),
}

PAGE_STRINGS: dict[str, dict[str, str]] = {
    "vi": {
        "nav_map": "Bản đồ",
        "map_hint": "Số sự kiện và cam kết theo quốc gia (kể cả các cá nhân, cơ quan của"
                    " nước đó). Chọn một nước để mở trang của nước ấy.",
        "map_source": "Đường biên: Natural Earth 1:110m (phạm vi công cộng), đóng gói"
                      " cùng ứng dụng.",
        "map_none": "không có dữ liệu",
        "map_scale": "Thang màu (sự kiện + cam kết)",
        "events_as_source_short": "là bên thực hiện",
        "events_as_target_short": "là bên chịu tác động",
        "commitments_given_short": "đưa ra",
        "commitments_received_short": "nhận được",
        "range": "Khoảng thời gian hiển thị",
        "range_from": "từ",
        "range_to": "đến",
        "range_apply": "Lọc danh sách theo khoảng này",
        "empty_periods": "kỳ không có dữ liệu vẫn được giữ trên trục",
        "suggest_hint": "gõ tên (tiếng Việt hoặc tiếng Anh) hoặc mã nước",
        "actor_placeholder": "Ukraine / Phần Lan / UKR",
        "actors_found": "Chủ thể",
        "sort_by": "Sắp xếp theo cột này",
        "original_publisher": "Nguồn gốc bài",
        "photo": "Ảnh",
        "assurers": "Bên cam đoan (không phải nghĩa vụ phòng thủ)",
        "qualified_parties": "Bên có nghĩa vụ kèm điều kiện",
        "attacker_parties": "Bên liên quan",
        "not_reverified": "chưa kiểm chứng lại",
        "note_both_parties": "{a} và {b} đều là thành viên {treaty}, hiệp ước buộc các bên"
                             " không tấn công nhau",
        "reason_suspended": "nghĩa vụ giữa {a} và {b} bị đình chỉ từ {date}",
        "reason_frozen": "{a}: {status} từ {date}",
        "reason_join": "phải tham chiến cùng {a}",
        "reason_neutral": "phải trung lập trong cuộc chiến có {a}",
        "thread": "Chuỗi cam kết",
        "mentioned_as": "được nhắc là",
        "summary_in_english": "Bản tóm tắt tiếng Anh (bản gốc)",
        "linked_actors": "Trong cơ sở tri thức",
        "linked_actors_hint": "Các chủ thể đã được đối chiếu với cơ sở tri thức. Bấm tiêu đề cột"
                              " để sắp xếp toàn bộ danh sách.",
        "unlinked_actors": "Tên chưa có trong cơ sở tri thức",
        "unlinked_actors_hint": "Tên được nhận ra từ cách viết và ngữ cảnh (mã tạm thời), chưa"
                                " được đối chiếu: loại, số lần xuất hiện, câu ví dụ và các chủ"
                                " thể đi cùng, như lệnh pactwatch kb suggest.",
        "example_sentences": "Câu ví dụ",
    },
    "en": {
        "nav_map": "Map",
        "map_hint": "Events and commitments by country (its people and bodies included)."
                    " Pick a country to open its page.",
        "map_source": "Boundaries: Natural Earth 1:110m (public domain), shipped with the app.",
        "map_none": "no data",
        "map_scale": "Colour scale (events + commitments)",
        "events_as_source_short": "as source",
        "events_as_target_short": "as target",
        "commitments_given_short": "given",
        "commitments_received_short": "received",
        "range": "Range shown",
        "range_from": "from",
        "range_to": "to",
        "range_apply": "Filter the list to this range",
        "empty_periods": "periods without data stay on the axis",
        "suggest_hint": "type a name (Vietnamese or English) or a country code",
        "actor_placeholder": "Ukraine / Phần Lan / UKR",
        "actors_found": "Actors",
        "sort_by": "Sort by this column",
        "original_publisher": "Original publisher",
        "photo": "Photo",
        "assurers": "Giving assurances (not a defence obligation)",
        "qualified_parties": "Bound, with a qualification",
        "attacker_parties": "Parties concerned",
        "not_reverified": "not re-verified",
        "note_both_parties": "{a} and {b} are both parties to {treaty}, which binds them not"
                             " to attack each other",
        "reason_suspended": "obligations between {a} and {b} suspended since {date}",
        "reason_frozen": "{a}: {status} since {date}",
        "reason_join": "must join {a}",
        "reason_neutral": "must stay neutral in a war involving {a}",
        "summary_in_english": "Summary in English (the reference)",
        "linked_actors": "In the knowledge base",
        "linked_actors_hint": "Actors linked to the knowledge base. Click a column header to"
                              " sort the whole list.",
        "unlinked_actors": "Names the knowledge base does not list",
        "unlinked_actors_hint": "Names recognised by their spelling and context (provisional"
                                " ids), not linked yet: kind, counts, example sentences and the"
                                " actors they appear with, as the pactwatch kb suggest command lists them.",
        "example_sentences": "Example sentences",
        "thread": "Commitment thread",
        "mentioned_as": "mentioned as",
    },
}


@lru_cache(maxsize=1)
def _role_labels() -> dict[str, dict[str, str]]:
    """``role_<role>``: the first Vietnamese and English title of each office in roles.yaml."""
    from pactwatch.actors.kb import default_kb

    labels: dict[str, dict[str, str]] = {"vi": {}, "en": {}}
    for role in default_kb().roles.values():
        english = (role.titles_en or [role.role.replace("_", " ")])[0]
        labels["vi"][f"role_{role.role}"] = (role.titles_vi or [english])[0]
        labels["en"][f"role_{role.role}"] = english
    return labels


def code_strings() -> dict[str, dict[str, str]]:
    """Every code label and page string above, by language."""
    found: dict[str, dict[str, str]] = {"vi": {}, "en": {}}
    for prefix, table in (("etype", EVENT_TYPES), ("mode", EVENT_MODES),
                          ("ctype", COMMITMENT_TYPES)):
        for code, (vi, en) in table.items():
            found["vi"][f"{prefix}_{code}"] = vi
            found["en"][f"{prefix}_{code}"] = en
    for language in found:
        found[language].update(PAGE_STRINGS[language])
        found[language].update(_role_labels()[language])
    return found
