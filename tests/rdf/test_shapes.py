"""The SHACL shapes (ontology/shapes.ttl) accept the seed graph and catch real defects: each
defect is made in the seed build's own quads, and validation must name the node and the problem.

Every defect is put on a node of its own, so that one validation of a graph holding all of them
checks each (validating 40k quads takes about a second)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.errors import KgError
from kg.rdf.validate import Violation, validate, violations

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
KG = "https://w3id.org/kg-policy/ontology#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
DERIVED = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
DATE = ox.NamedNode("http://purl.org/dc/terms/date")
IDENTIFIER = ox.NamedNode("http://purl.org/dc/terms/identifier")
PREDICATE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate")
XSD = "http://www.w3.org/2001/XMLSchema#"

Quads = list[ox.Quad]
Defect = Callable[[Quads], tuple[Quads, ox.NamedNode]]  # broken quads, the node broken


def kg(local: str) -> ox.NamedNode:
    return ox.NamedNode(KG + local)


def typed(text: str, xsd_type: str) -> ox.Literal:
    return ox.Literal(text, datatype=ox.NamedNode(XSD + xsd_type))


@pytest.fixture(scope="module")
def seed_quads(seed_build: Path) -> Quads:
    """The quads the seed build wrote (and so validated), read back from its TriG file."""
    return list(ox.parse(path=str(seed_build / "graph.trig"), format=ox.RdfFormat.TRIG))


def of_type(quads: Quads, cls: str) -> list[ox.NamedNode]:
    found = dict.fromkeys(
        q.subject for q in quads if q.predicate == RDF_TYPE and q.object == kg(cls)
    )
    return [n for n in found if isinstance(n, ox.NamedNode)]


def named(quads: Quads, cls: str, label: str) -> ox.NamedNode:
    """The node of class ``cls`` whose rdfs:label is ``label``."""
    typed = set(of_type(quads, cls))
    (node,) = {
        q.subject
        for q in quads
        if q.predicate == LABEL and q.object.value == label and q.subject in typed
    }
    assert isinstance(node, ox.NamedNode)
    return node


def value(quads: Quads, subject: ox.NamedNode, predicate: ox.NamedNode) -> ox.Term:
    return next(q.object for q in quads if q.subject == subject and q.predicate == predicate)


def subjects_of(quads: Quads, predicate: ox.NamedNode) -> list[ox.NamedNode]:
    return [q.subject for q in quads if q.predicate == predicate]  # type: ignore[misc]


def objects_of(quads: Quads, predicate: ox.NamedNode) -> list[ox.NamedNode]:
    return [q.object for q in quads if q.predicate == predicate]  # type: ignore[misc]


def without(quads: Quads, subject: ox.Term, predicate: ox.NamedNode) -> Quads:
    return [q for q in quads if not (q.subject == subject and q.predicate == predicate)]


def replaced(quads: Quads, subject: ox.Term, predicate: ox.NamedNode, new: ox.Term) -> Quads:
    return [
        ox.Quad(q.subject, q.predicate, new, q.graph_name)
        if q.subject == subject and q.predicate == predicate
        else q
        for q in quads
    ]


def plus(quads: Quads, subject: ox.Term, predicate: ox.NamedNode, obj: ox.Term) -> Quads:
    return [*quads, ox.Quad(subject, predicate, obj, quads[0].graph_name)]


def nth(quads: Quads, cls: str, n: int) -> ox.NamedNode:
    return of_type(quads, cls)[n]


def park(quads: Quads) -> ox.NamedNode:
    return named(quads, "Park", "黄石港临空商务产业园")


def no_mention_of(quads: Quads) -> tuple[Quads, ox.NamedNode]:
    m = nth(quads, "Mention", 0)
    return without(quads, m, kg("mentionOf")), m


def park_defined_as(quads: Quads) -> tuple[Quads, ox.NamedNode]:
    p = park(quads)
    return plus(quads, p, kg("definedAs"), nth(quads, "Component", 0)), p


def start_as_string(quads: Quads) -> tuple[Quads, ox.NamedNode]:
    m = nth(quads, "Mention", 1)
    return replaced(quads, m, kg("start"), ox.Literal(value(quads, m, kg("start")).value)), m


def start_not_a_number(quads: Quads) -> tuple[Quads, ox.NamedNode]:
    m = nth(quads, "Mention", 2)
    return replaced(quads, m, kg("start"), typed("twelve", "integer")), m


def start_after_end(quads: Quads) -> tuple[Quads, ox.NamedNode]:
    m = nth(quads, "Mention", 3)
    start, end = value(quads, m, kg("start")), value(quads, m, kg("end"))
    return replaced(replaced(quads, m, kg("start"), end), m, kg("end"), start), m


def two_labels(quads: Quads) -> tuple[Quads, ox.NamedNode]:
    p = nth(quads, "Park", 1)
    return plus(quads, p, LABEL, ox.Literal("另一个名称", language="zh")), p


def english_label(quads: Quads) -> tuple[Quads, ox.NamedNode]:
    p = nth(quads, "Park", 2)
    return replaced(quads, p, LABEL, ox.Literal("Linkong Business Park", language="en")), p


def year_out_of_range(quads: Quads) -> tuple[Quads, ox.NamedNode]:
    d = nth(quads, "Document", 0)
    return replaced(quads, d, kg("year"), typed("20200", "integer")), d


def impossible_date(quads: Quads) -> tuple[Quads, ox.NamedNode]:
    d = subjects_of(quads, DATE)[1]
    return replaced(quads, d, DATE, typed("2020-13-45", "date")), d


def no_identifier(quads: Quads) -> tuple[Quads, ox.NamedNode]:
    d = nth(quads, "Document", 4)
    return without(quads, d, IDENTIFIER), d


def responsible_for_a_park(quads: Quads) -> tuple[Quads, ox.NamedNode]:
    body = subjects_of(quads, kg("responsibleFor"))[0]
    p = nth(quads, "Park", 3)
    return plus(quads, body, kg("responsibleFor"), p), p


def investment_without_value(quads: Quads) -> tuple[Quads, ox.NamedNode]:
    amount = objects_of(quads, kg("investment"))[0]
    return without(quads, amount, kg("amountValue")), amount


def assertion_without_evidence(quads: Quads) -> tuple[Quads, ox.NamedNode]:
    a = nth(quads, "Assertion", 0)
    return without(quads, a, DERIVED), a


def mention_derived_from_a_document(quads: Quads) -> tuple[Quads, ox.NamedNode]:
    m = nth(quads, "Mention", 4)
    return replaced(quads, m, DERIVED, nth(quads, "Document", 0)), m


def assertion_of_no_relation(quads: Quads) -> tuple[Quads, ox.NamedNode]:
    a = nth(quads, "Assertion", 1)
    return replaced(quads, a, PREDICATE, kg("mentionedIn")), a


# a defect, and words its violation names (path [constraint], message)
DEFECTS: list[tuple[Defect, list[str]]] = [
    (no_mention_of, ["kg:mentionOf [minCount]", "exactly one entity"]),
    (park_defined_as, ["[class]", "only a kg:Slogan is kg:definedAs"]),
    (start_as_string, ["kg:start [datatype]", "xsd:integer"]),
    (start_not_a_number, ["kg:start [datatype]", "xsd:integer"]),
    (start_after_end, ["kg:start [lessThan]", "less than its kg:end"]),
    (two_labels, ["rdfs:label [maxCount]", "exactly one"]),
    (english_label, ["rdfs:label [languageIn]", "Chinese"]),
    (year_out_of_range, ["kg:year [maxInclusive]", "between 1949 and 2100"]),
    (impossible_date, ["dcterms:date [datatype]", "valid xsd:date"]),
    (no_identifier, ["dcterms:identifier [minCount]"]),
    (responsible_for_a_park, ["[class]", "kg:Task"]),
    (investment_without_value, ["kg:amountValue [minCount]"]),
    (assertion_without_evidence, ["prov:wasDerivedFrom [minCount]", "kg:Sentence"]),
    (mention_derived_from_a_document, ["prov:wasDerivedFrom [class]", "kg:Sentence"]),
    (assertion_of_no_relation, ["rdf:predicate [in]", "six relations"]),
]


def node_id(node: ox.NamedNode) -> str:
    return node.value.removeprefix("https://w3id.org/kg-policy/id/")


def test_the_seed_graph_conforms(seed_quads: Quads) -> None:
    assert len(seed_quads) > 30_000
    validate(seed_quads)


def test_every_defect_is_named_with_its_node_and_problem(seed_quads: Quads) -> None:
    broken, expected = seed_quads, []
    for defect, words in DEFECTS:
        changed, node = defect(broken)
        assert changed != broken, defect.__name__
        broken = changed
        expected.append((defect.__name__, node_id(node), words))
    found = violations(broken)
    for name, focus, words in expected:
        named = [str(v) for v in found if v.focus == focus]
        assert any(all(w in v for w in words) for v in named), (name, focus, named)
    assert {v.focus for v in found} == {focus for _, focus, _ in expected}


@pytest.mark.parametrize(
    "defect", [no_mention_of, park_defined_as, start_not_a_number], ids=lambda d: d.__name__
)
def test_a_defect_stops_validation_with_one_line(seed_quads: Quads, defect: Defect) -> None:
    broken, node = defect(seed_quads)
    with pytest.raises(KgError) as raised:
        validate(broken)
    message = str(raised.value)
    assert message.startswith("ontology/shapes.ttl: the graph breaks ")
    assert "\n" not in message
    assert f": {node_id(node)} " in message, message


def test_the_message_counts_every_violation_and_names_the_first_three(seed_quads: Quads) -> None:
    mentions = set(of_type(seed_quads, "Mention")[:5])
    broken = [
        q for q in seed_quads if not (q.subject in mentions and q.predicate == kg("mentionOf"))
    ]
    with pytest.raises(KgError, match=r"breaks 5 shape constraints: .*\(and 2 more\)$") as raised:
        validate(broken)
    assert str(raised.value).count("exactly one entity") == 3


def test_a_violation_reads_as_node_property_constraint_message() -> None:
    v = Violation("Mention/d/5-9", "kg:mentionOf", "minCount", "a mention is of exactly one entity")
    assert str(v) == "Mention/d/5-9 kg:mentionOf [minCount]: a mention is of exactly one entity"
    assert str(Violation("Park/x", "", "class", "m")) == "Park/x [class]: m"


def test_a_build_with_an_impossible_date_stops_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A sidecar's metadata is taken as given; the graph check is what stops an invalid
    xsd:date, before any file of the output folder (here holding an earlier build's summary)
    is touched."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "summary.json").write_text("{}\n", encoding="utf-8")
    doc = tmp_path / "002_51ca86d34917683e.txt"
    shutil.copy(SEEDS / doc.name, doc)
    (tmp_path / "002_51ca86d34917683e.meta.json").write_text(
        '{"date": "2020-13-45"}', encoding="utf-8"
    )
    assert main(["build", str(doc), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("kg: error: ontology/shapes.ttl:") and "\n" not in err
    assert "Document/002_51ca86d34917683e dcterms:date [datatype]" in err
    assert [p.name for p in out.iterdir()] == ["summary.json"]
    assert (out / "summary.json").read_text(encoding="utf-8") == "{}\n"


def test_an_extracted_relation_with_unexpected_types_is_a_warning(seed_quads: Quads) -> None:
    """A development zone listed as the unit responsible for a task (立山经济开发区 in a task
    table) is worth a warning, not a failed build: the types at a relation's ends come from
    the extraction, which the user can review."""
    quads = seed_quads
    zone = park(quads)
    task = objects_of(quads, kg("responsibleFor"))[0]
    found = validate(plus(quads, zone, kg("responsibleFor"), task))
    assert [(v.focus.split("/")[0], v.severity) for v in found] == [("Park", "Warning")]
