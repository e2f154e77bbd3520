import multiprocessing as mp
import os
import time

from crawler.poller import Poller


def test_ready_pipes_are_returned_and_the_others_are_not():
    poller = Poller()
    a_in, a_out = mp.Pipe(duplex=False)
    b_in, b_out = mp.Pipe(duplex=False)
    assert poller.wait([a_in, b_in], timeout=0) == []
    b_out.send("x")
    assert poller.wait([a_in, b_in], timeout=1) == [b_in]
    assert b_in.recv() == "x"
    a_out.send("y")
    b_out.send("z")
    assert sorted(map(id, poller.wait([a_in, b_in], timeout=1))) == sorted([id(a_in), id(b_in)])


def test_a_timeout_returns_nothing_after_about_that_long():
    poller = Poller()
    r, _w = mp.Pipe(duplex=False)
    t0 = time.monotonic()
    assert poller.wait([r], timeout=0.2) == []
    assert 0.15 <= time.monotonic() - t0 < 2


def test_a_hung_up_pipe_and_an_ended_process_count_as_ready():
    poller = Poller()
    r, w = mp.Pipe(duplex=False)
    w.close()
    assert poller.wait([r], timeout=1) == [r]  # its reader then sees the EOF

    ctx = mp.get_context("spawn")
    proc = ctx.Process(target=time.sleep, args=(0,))
    proc.start()
    assert poller.wait([proc.sentinel], timeout=30) == [proc.sentinel]
    proc.join()


def test_the_objects_waited_on_may_change_between_calls():
    poller = Poller()
    a_in, a_out = mp.Pipe(duplex=False)
    b_in, b_out = mp.Pipe(duplex=False)
    a_out.send(1)
    assert poller.wait([b_in], timeout=0) == []  # a is ready but no longer waited on
    assert poller.wait([a_in], timeout=0) == [a_in]
    a_in.recv()
    # a descriptor closed and its number reused by a new pipe: what the number now refers to is watched
    assert poller.wait([b_in], timeout=0) == []  # registered
    number = b_in.fileno()
    b_in.close()
    b_out.close()
    r, w = os.pipe()
    try:
        if r != number:
            os.dup2(r, number)
            os.close(r)
        os.write(w, b"!")
        assert poller.wait([number], timeout=1) == [number]
    finally:
        os.close(number)
        os.close(w)
