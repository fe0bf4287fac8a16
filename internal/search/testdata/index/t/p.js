annalsSearch.terms("p",[["passeng",1,"L6"],
["port",2,"I6Bv"],
["post",2,"G2B2"],
["propos",1,"D6"]]);
