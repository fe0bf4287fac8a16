annalsSearch.terms("y",[["yard",1,"Av"],
["year",3,"FvCvDv"]]);
