import numpy as np
import pytest

from helpers.metrics import (
    calibration_bins,
    predict_labels,
    threshold_curves,
    threshold_for_best_f1,
    threshold_for_min_cost,
    threshold_for_recall,
    threshold_metrics,
)

Y = np.array([0, 0, 0, 1, 1, 1, 0, 1])
P = np.array([0.1, 0.4, 0.6, 0.35, 0.8, 0.9, 0.2, 0.55])


def test_metrics_at_a_threshold_match_hand_counts():
    m = threshold_metrics(Y, P, threshold=0.5)
    assert (m.tn, m.fp, m.fn, m.tp) == (3, 1, 1, 3)
    assert m.accuracy == 0.75 and m.precision == 0.75 and m.recall == 0.75 and m.f1 == 0.75
    assert m.matrix.tolist() == [[3, 1], [1, 3]]
    assert m.cost(fn_cost=10.0) == pytest.approx((10 * 1 + 1) / 8)
    assert m.summary().startswith("threshold 0.500: accuracy 0.750")


def test_extreme_thresholds_call_everything_positive_or_negative():
    assert threshold_metrics(Y, P, 0.0).recall == 1.0
    nothing = threshold_metrics(Y, P, 1.0)
    assert nothing.tp == 0 and nothing.precision == 0.0 and nothing.f1 == 0.0


def test_predict_labels_uses_greater_or_equal():
    assert predict_labels([0.49, 0.5, 0.51], 0.5).tolist() == [0, 1, 1]


@pytest.mark.parametrize("threshold", [-0.1, 1.5, float("nan"), "0.5"])
def test_threshold_outside_unit_interval_is_rejected(threshold):
    with pytest.raises(ValueError, match="must lie in \\[0, 1\\]"):
        threshold_metrics(Y, P, threshold)


def test_metrics_reject_bad_probabilities_and_labels():
    with pytest.raises(ValueError, match="apply torch.sigmoid"):
        threshold_metrics(Y, P * 3)
    with pytest.raises(ValueError, match="must match"):
        threshold_metrics(Y, P[:-1])
    with pytest.raises(ValueError, match="binary labels"):
        threshold_metrics(Y + 1, P)


def test_curves_agree_with_metrics_at_each_threshold():
    curves = threshold_curves(Y, P)
    assert np.all(np.diff(curves.thresholds) > 0)
    for t, p, r, f in zip(curves.thresholds, curves.precision, curves.recall, curves.f1, strict=True):
        m = threshold_metrics(Y, P, float(t))
        assert (m.precision, m.recall, m.f1) == pytest.approx((p, r, f))
    for t, c in zip(curves.thresholds, curves.cost(fn_cost=5.0), strict=True):
        assert threshold_metrics(Y, P, float(t)).cost(fn_cost=5.0) == pytest.approx(c)
    assert (curves.fpr[0], curves.tpr[0], curves.fpr[-1], curves.tpr[-1]) == (0, 0, 1, 1)
    assert curves.auc == pytest.approx(13 / 16)  # 13 of 16 (positive, negative) pairs ranked right


def test_curves_are_scikit_learns_roc_curve_even_with_ties():
    from sklearn.metrics import roc_auc_score, roc_curve

    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 300)
    p = np.round(rng.uniform(0, 1, 300), 2)  # many tied probabilities
    curves = threshold_curves(y, p)
    fpr, tpr, thresholds = roc_curve(y, p, drop_intermediate=False)
    assert np.allclose(curves.fpr, fpr) and np.allclose(curves.tpr, tpr)
    assert np.array_equal(curves.thresholds, thresholds[:0:-1])
    assert curves.auc == pytest.approx(roc_auc_score(y, p))
    assert np.array_equal(curves.tp + curves.fn, np.full(len(curves.tp), y.sum()))


def test_curves_need_both_classes():
    with pytest.raises(ValueError, match="both classes"):
        threshold_curves([1, 1], [0.2, 0.9])


def test_tuned_thresholds():
    assert threshold_for_best_f1(Y, P) == pytest.approx(0.35)
    t = threshold_for_recall(Y, P, min_recall=1.0)
    assert t == pytest.approx(0.35) and threshold_metrics(Y, P, t).recall == 1.0
    assert threshold_for_recall(Y, P, min_recall=0.75) == pytest.approx(0.55)
    assert threshold_for_min_cost(Y, P, fn_cost=10.0) == pytest.approx(0.35)  # catch every positive
    assert threshold_for_min_cost(Y, P, fn_cost=0.1) == pytest.approx(0.8)  # alarms cost more: only sure calls
    with pytest.raises(ValueError, match="costs"):
        threshold_for_min_cost(Y, P, fn_cost=-1.0)
    with pytest.raises(ValueError, match="min_recall"):
        threshold_for_recall(Y, P, 0)


def test_calibration_bins_compare_mean_prediction_with_observed_share():
    y = np.array([0, 0, 0, 1, 0, 1, 1, 1])
    p = np.array([0.0, 0.1, 0.2, 0.3, 0.6, 0.7, 0.9, 1.0])
    bins = calibration_bins(y, p, edges=(0, 0.5, 1))
    assert bins.count.tolist() == [4, 4]  # 1.0 falls in the last bin, which is closed
    assert bins.predicted == pytest.approx([0.15, 0.8]) and bins.observed == pytest.approx([0.25, 0.75])
    assert (bins.low <= bins.observed).all() and (bins.observed <= bins.high).all()
    assert 0 <= bins.low.min() and bins.high.max() <= 1
    # by hand: first bin 1 positive, 0.6 expected, variance 0.1*0.9 + 0.2*0.8 + 0.3*0.7 = 0.46; second bin
    # 3 positives, 3.2 expected, variance 0.6*0.4 + 0.7*0.3 + 0.9*0.1 + 0 = 0.54
    assert bins.chi2 == pytest.approx(0.4**2 / 0.46 + 0.2**2 / 0.54)
    assert bins.p_value == pytest.approx(np.exp(-bins.chi2 / 2))  # chi-square with 2 degrees of freedom


def test_calibration_bins_tell_calibrated_from_overconfident_probabilities():
    rng = np.random.default_rng(0)
    p = rng.uniform(0, 1, 5000)
    y = (rng.uniform(0, 1, 5000) < p).astype(int)  # outcomes drawn with exactly these probabilities
    assert calibration_bins(y, p).p_value > 0.01
    overconfident = 1 / (1 + np.exp(-3 * np.log(p / (1 - p))))
    assert calibration_bins(y, overconfident).p_value < 1e-6


def test_calibration_bins_reject_bad_edges_and_leave_empty_bins_out():
    with pytest.raises(ValueError, match="edges"):
        calibration_bins(Y, P, edges=(0.1, 0.5, 1))
    with pytest.raises(ValueError, match="edges"):
        calibration_bins(Y, P, edges=(0, 0.5, 0.5, 1))
    bins = calibration_bins(Y, P, edges=(0, 0.05, 1))  # no probability below 0.05
    assert bins.count[0] == 0 and np.isnan(bins.observed[0]) and np.isfinite(bins.p_value)


def test_calibration_bins_with_certain_probabilities():
    assert calibration_bins([0, 1], [0.0, 1.0]).p_value == 1.0  # certain and right
    wrong = calibration_bins([1, 0], [0.0, 1.0])  # certain and wrong: no noise can explain it
    assert wrong.chi2 == float("inf") and wrong.p_value == 0.0
