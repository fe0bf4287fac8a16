annalsSearch.terms("n",[["negoti",1,"Bv"],
["network",1,"Eu"],
["new",1,"Gv"],
["northsea",3,"D1F2C2"]]);
