annalsSearch.postings("arvenia",{"rest":58,"top":"B8D7F7B7"});
