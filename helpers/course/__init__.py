"""Tooling for the course itself: the notebook order, navigation, execution, lint, benchmark.

python -m helpers.course nav          # regenerate navigation cells and the README contents
python -m helpers.course run [NN ...] # re-execute notebooks in place (all, or those named)
python -m helpers.course lint         # report notebook problems (the tests run this too)
python -m helpers.course bench        # notebook suite time vs. the one-cell floor
"""
