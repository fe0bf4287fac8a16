annalsSearch.terms("w",[["warn",1,"J6"],
["what",1,"A5"],
["winter",2,"CvF6"],
["wire",5,"B2B2C1H2B1"],
["yard",1,"Av"],
["year",3,"FvCvDv"],
["zurich",1,"Mu"],
["평양",1,"Mu"]]);
