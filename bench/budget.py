"""Timing one piece of work against a budget, as the finders' benchmarks do
(bench/recommendations.py, bench/themes.py)."""

import statistics
import sys
import time


def run_times(work, runs):
    """Seconds each of `runs` calls of `work` took."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return times


def judge(times, budget_seconds):
    """Print the median (with the fastest and slowest) against the budget; exit with 1 when the
    median is over it."""
    median = statistics.median(times)
    print(
        f"median of {len(times)} runs: {median * 1000:.1f} ms "
        f"(fastest {min(times) * 1000:.1f} ms, slowest {max(times) * 1000:.1f} ms)"
    )
    if median > budget_seconds:
        print(f"OVER BUDGET: the median run took longer than {budget_seconds:g} s.")
        sys.exit(1)
    print(f"within budget: {median:.3f} s of {budget_seconds:g} s")
