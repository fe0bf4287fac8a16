annalsSearch.terms("co",[["coastguard",1,"Iv"],
["congratul",2,"FvBv"],
["could",1,"Cv"],
["council",3,"G7B2D2"],
["cover",1,"Mu"]]);
