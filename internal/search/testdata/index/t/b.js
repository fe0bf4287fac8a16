annalsSearch.terms("b",[["bank",2,"AvLv"],
["both",1,"Lv"],
["breach",1,"J6"],
["bridg",4,"A6C6B7I6"],
["broad",1,"Eu"],
["broke",1,"Eu"]]);
