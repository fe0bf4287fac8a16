annalsSearch.postings("organizations/grey-sea-fisheries-council",{"all":"LGBD"});
