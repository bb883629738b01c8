"""collector.paused: the cycle collector off for a block, on again after as it was (or left off
at the end of a process)."""

import gc

from generator.collector import paused


def test_the_collector_is_off_inside_and_on_again_after():
    assert gc.isenabled()
    with paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_resume_false_leaves_it_off_for_the_end_of_the_process():
    try:
        with paused(resume=False):
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_collector_that_was_off_stays_off_and_an_inner_pause_does_not_switch_it_on():
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
    with paused():
        with paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_is_on_again_when_the_block_raises():
    try:
        with paused():
            raise ValueError("bad input")
    except ValueError:
        pass
    assert gc.isenabled()
