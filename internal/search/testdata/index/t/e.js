annalsSearch.terms("e",[["each",3,"AvFvCv"],
["engin",1,"C6"],
["escort",1,"Iv"],
["explain",1,"Av"],
["extend",1,"H4"]]);
