"""One checker module per notebook: ``nbNN.py`` registers the exercises of notebook NN."""
