annalsSearch.terms("g",[["gaug",1,"E7"],
["grey",8,0],
["ground",1,"H6"]]);
