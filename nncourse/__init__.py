"""nncourse: neural networks from scratch in NumPy.

The reference library behind the course's lessons and the engine that grades
them.  Every module is small and covers one idea; start with
:mod:`nncourse.activations`, :mod:`nncourse.layers` and :mod:`nncourse.losses`.
"""

__version__ = "0.1.0"
