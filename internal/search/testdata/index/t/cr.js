annalsSearch.terms("cr",[["crew",1,"Iv"],
["cross",1,"L6"]]);
