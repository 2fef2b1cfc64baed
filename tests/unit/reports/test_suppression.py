from portal.reports.suppression import PRIMARY, SECONDARY, suppress_column, suppress_rows


def test_small_counts_are_hidden_and_one_more_so_the_total_cannot_reveal_them():
    assert suppress_column([20, 3, 9, 0]) == [None, PRIMARY, SECONDARY, None]


def test_two_small_counts_protect_each_other():
    assert suppress_column([20, 3, 2, 9]) == [None, PRIMARY, PRIMARY, None]


def test_zero_and_five_are_shown():
    assert suppress_column([0, 5, 12]) == [None, None, None]


def test_a_lone_small_count_with_nothing_else_to_hide():
    assert suppress_column([3, 0]) == [PRIMARY, None]


def test_columns_are_suppressed_separately():
    assert suppress_rows([[10, 2], [7, 9], [1, 30]]) == [[None, PRIMARY], [SECONDARY, SECONDARY], [PRIMARY, None]]
