"""Discovery and services: the staff YAML's categories as GeoReport v2 services."""

from __future__ import annotations

from tests.central.schemas import validate


def test_services_list_every_category_with_its_promise_and_fits_the_schema(server):
    answer = server.client.get("/services.json")
    assert answer.status_code == 200
    services = answer.json()
    validate("services.json", services)
    by_code = {s["service_code"]: s for s in services}
    assert by_code["property-repair"]["service_name"] == "物业维修"
    assert by_code["property-repair"]["description"] == "物业公司维修部负责，3 天内答复"
    assert by_code["property-repair"]["metadata"] is True
    assert "充电桩不能充电" in by_code["property-repair"]["keywords"]


def test_services_speak_uyghur_when_asked(server):
    services = server.client.get("/services.json", params={"lang": "ug"}).json()
    validate("services.json", services)
    assert services[0]["service_name"] == "مۈلۈك رېمونتى"


def test_service_definition_offers_the_preset_phrases_by_number(server):
    answer = server.client.get("/services/property-repair.json")
    assert answer.status_code == 200
    definition = answer.json()
    validate("service-definition.json", definition)
    (attribute,) = definition["attributes"]
    assert attribute["code"] == "phrases"
    assert attribute["datatype"] == "multivaluelist"
    assert attribute["values"][0] == {"key": "0", "name": "充电桩不能充电"}


def test_unknown_service_is_404_in_the_spec_error_format(server):
    answer = server.client.get("/services/no-such-thing.json")
    assert answer.status_code == 404
    assert answer.json() == [{"code": 404, "description": "service_code 'no-such-thing' not found"}]


def test_another_jurisdiction_is_404_and_ours_is_accepted(server):
    assert server.client.get("/services.json", params={"jurisdiction_id": "shengli"}).is_success
    answer = server.client.get("/services.json", params={"jurisdiction_id": "elsewhere"})
    assert answer.status_code == 404
    assert answer.json()[0]["code"] == 404


def test_discovery_names_the_endpoint_and_the_spec(server):
    discovery = server.client.get("/discovery.json").json()
    (endpoint,) = discovery["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"] == "http://testserver/"
    assert endpoint["formats"] == ["application/json"]


def test_an_unknown_json_path_answers_in_the_spec_error_format(server):
    answer = server.client.get("/nothing-here.json")
    assert answer.status_code == 404
    assert answer.json() == [{"code": 404, "description": "Not Found"}]


def test_a_repeated_get_with_its_etag_is_304(server):
    first = server.client.get("/services.json")
    again = server.client.get("/services.json", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
