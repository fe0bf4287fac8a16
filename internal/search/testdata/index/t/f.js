annalsSearch.terms("f",[["feder",8,0],
["fell",1,"Hv"],
["first",2,"L6B6"],
["fish",1,"Jv"],
["fisheri",3,"G7B2D8"],
["four",1,"Hv"],
["freight",2,"AvCv"]]);
