annalsSearch.terms("a",[["accord",1,"F6"],
["across",1,"Bv"],
["annual",1,"M6"],
["arvenia",7,0]]);
