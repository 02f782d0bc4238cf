"""/insights/: charts of the register, for every published review or for any search of
/reviews/ (the same address parameters). `charts` counts, `drawing` lays the bars out as SVG
for the templates, and `views` answers the page."""
