annalsSearch.postings("arvenia",{"all":"By4B","rest":58,"top":"B8D7F7B7"});
