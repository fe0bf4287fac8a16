annalsSearch.terms("o",[["observ",3,"D1F2C2"],
["off",1,"Eu"],
["open",2,"B6F6"],
["orlen",1,"I6"],
["other",1,"Fv"],
["over",3,"DuB6F5"],
["overnight",1,"Iv"]]);
