annalsSearch.terms("v",[["vask",4,"A2F8E2Du"],
["vessel",1,"Jv"]]);
