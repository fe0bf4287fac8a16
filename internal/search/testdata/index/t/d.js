annalsSearch.terms("d",[["deleg",1,"Gv"],
["differ",1,"Eu"],
["dorn",4,"D9C8E9D7"],
["doubt",1,"C6"]]);
