"""Texts of the demo content, per language (tg = source, ru, en; uz for the
home and track pages). Sources: the MRC's own documents (../shared/seeds/:
project description, IOM Tajikistan press releases) and common pre-departure
curricula. Legal points are general guidance, never country law stated as fact."""
