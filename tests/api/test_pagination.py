from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

PAGE = """
query($first: Int, $last: Int, $after: String, $before: String) {
  products(first: $first, last: $last, after: $after, before: $before, channel: "international",
           sortBy: {field: NAME, direction: ASC}) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { name } }
  }
}"""


def names(data):
    return [e["node"]["name"] for e in data["products"]["edges"]]


@pytest.fixture
def five(catalog):
    for letter in "ABCDE":
        catalog.product(f"Piece {letter}")


def test_forward_pages_walk_the_whole_list_without_overlap(gql, five):
    first = gql.data(PAGE, {"first": 2})
    second = gql.data(PAGE, {"first": 2, "after": first["products"]["pageInfo"]["endCursor"]})
    third = gql.data(PAGE, {"first": 2, "after": second["products"]["pageInfo"]["endCursor"]})

    assert names(first) == ["Piece A", "Piece B"]
    assert first["products"]["pageInfo"]["hasNextPage"] is True
    assert first["products"]["pageInfo"]["hasPreviousPage"] is False
    assert names(second) == ["Piece C", "Piece D"]
    assert second["products"]["pageInfo"]["hasPreviousPage"] is True
    assert names(third) == ["Piece E"]
    assert third["products"]["pageInfo"]["hasNextPage"] is False
    assert third["products"]["totalCount"] == 5


def test_backward_pages_with_last_and_before(gql, five):
    tail = gql.data(PAGE, {"last": 2})
    before = gql.data(PAGE, {"last": 2, "before": tail["products"]["pageInfo"]["startCursor"]})

    assert names(tail) == ["Piece D", "Piece E"]
    assert tail["products"]["pageInfo"]["hasNextPage"] is False
    assert tail["products"]["pageInfo"]["hasPreviousPage"] is True
    assert names(before) == ["Piece B", "Piece C"]
    assert before["products"]["pageInfo"]["hasNextPage"] is True


def test_first_with_before_stops_at_the_cursor(gql, five):
    page = gql.data(PAGE, {"first": 2})
    cursor_of_b = page["products"]["edges"][1]["cursor"]
    bounded = gql.data(PAGE, {"first": 10, "before": cursor_of_b})
    assert names(bounded) == ["Piece A"]
    assert bounded["products"]["pageInfo"]["hasNextPage"] is True


def test_empty_pages(gql, five):
    zero = gql.data(PAGE, {"first": 0})
    past_end = gql.data(
        PAGE,
        {"first": 3, "after": gql.data(PAGE, {"last": 1})["products"]["pageInfo"]["endCursor"]},
    )

    assert names(zero) == []
    assert zero["products"]["pageInfo"] == {
        "hasNextPage": True,
        "hasPreviousPage": False,
        "startCursor": None,
        "endCursor": None,
    }
    assert names(past_end) == []
    assert past_end["products"]["pageInfo"]["hasNextPage"] is False


def test_empty_catalog(gql, catalog):
    data = gql.data(PAGE, {"first": 10})
    assert data["products"]["totalCount"] == 0
    assert data["products"]["edges"] == []


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        (
            {},
            "You must provide a `first` or `last` value to properly paginate the `products` connection.",
        ),
        (
            {"first": 1, "last": 1},
            "Passing both `first` and `last` to paginate the `products` connection is not supported.",
        ),
        ({"first": -1}, "Argument `first` on `products` must not be negative."),
        (
            {"first": 101},
            "Requesting 101 records on the `products` connection exceeds the `first` limit of 100 records.",
        ),
        (
            {"last": 500},
            "Requesting 500 records on the `products` connection exceeds the `last` limit of 100 records.",
        ),
        ({"first": 1, "after": "bm9wZQ=="}, "Invalid cursor: 'bm9wZQ=='."),
    ],
)
def test_bad_pagination_arguments_are_clear_errors(gql, five, variables, message):
    assert gql.error_messages(PAGE, variables) == [message]
