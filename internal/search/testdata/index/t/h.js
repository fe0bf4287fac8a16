annalsSearch.terms("h",[["held",2,"I6Eu"],
["herring",3,"GvB7Dv"],
["hold",1,"M4"]]);
