annalsSearch.terms("r",[["rail",1,"D6"],
["railway",4,"AvB6D6B6"],
["repeat",1,"Jv"],
["republ",7,0],
["roa",7,0]]);
