"""A forkserver preload that takes a while (the worker start-up tests): stands in for loading the detectors."""
import time

time.sleep(1.5)
